"""Validates a plugin manifest against manifest.schema.json with the jsonschema package."""
import json
import sys

import jsonschema

manifest_path, schema_path = sys.argv[1], sys.argv[2]
with open(manifest_path) as f:
    manifest = json.load(f)
with open(schema_path) as f:
    schema = json.load(f)
validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
# The config schema inside the manifest must itself be a valid JSON Schema.
try:
    validator_class.check_schema(manifest.get("configSchema", {}))
except jsonschema.exceptions.SchemaError as e:
    print(f"{manifest_path}: configSchema/{'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    sys.exit(1)
errors = sorted(validator_class(schema).iter_errors(manifest), key=lambda e: list(e.path))
for e in errors:
    print(f"{manifest_path}: {'/'.join(map(str, e.path)) or '(root)'}: {e.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
