/*
 * crmext.h: the contract between a CRM host and a sellerscore-style plugin.
 *
 * Pure C99; includes only <stddef.h> and <stdint.h>, so any language with a C FFI can host a plugin.
 *
 * COMPATIBILITY RULES (read before touching this file)
 *   - APPEND ONLY. Never reorder, resize, remove, or change the meaning of a field, an enum value or a
 *     function signature. New things go at the end of a table and bump CRMEXT_ABI_MINOR.
 *     Anything else is a break and bumps CRMEXT_ABI_MAJOR.
 *   - Both tables begin with {struct_size, abi_major, abi_minor}. A reader copies only
 *     min(struct_size, sizeof(its own struct)) bytes into a zeroed copy; a field beyond what the writer
 *     provided therefore reads as zero, and a NULL function slot means "not provided".
 *   - The host refuses a plugin whose abi_major differs from its own or whose abi_minor is newer than
 *     its own. The plugin refuses (crmext_entry returns NULL) a host whose abi_major differs.
 *
 * OWNERSHIP AND LIFETIME
 *   - Nothing is ever freed across the boundary: the plugin never frees host memory and the host never
 *     frees plugin memory. Variable-size output goes through a caller-supplied crmext_sink_fn.
 *   - Strings are UTF-8. Where a length is passed the string need not be NUL-terminated; where no
 *     length is passed it is NUL-terminated.
 *   - JSON documents cross as {ptr, len}; their shapes are documented per function and versioned with
 *     the plugin manifest, so they can grow without touching this header.
 *
 * ERRORS
 *   Every function that can fail returns a crmext_status and, when the caller passes a non-NULL
 *   crmext_error*, fills it (caller-owned; the callee writes at most sizeof(message) bytes, always
 *   NUL-terminated). No C++ exception, longjmp or signal ever crosses this boundary.
 *
 * THREADS
 *   A plugin instance is used by one host thread at a time. The plugin may call host services from
 *   threads it starts itself; the host must make every service callable from any thread. The plugin
 *   joins every thread it started before destroy() returns. The host never dlclose()s the library
 *   while an instance lives.
 */
#ifndef CRMEXT_CRMEXT_H
#define CRMEXT_CRMEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CRMEXT_ABI_MAJOR 1
#define CRMEXT_ABI_MINOR 0

/* The one symbol a plugin exports; hosts look it up with dlsym(handle, CRMEXT_ENTRY_SYMBOL). */
#define CRMEXT_ENTRY_SYMBOL "crmext_entry"

#if defined(_WIN32)
#define CRMEXT_EXPORT __declspec(dllexport)
#else
#define CRMEXT_EXPORT __attribute__((visibility("default")))
#endif

/* ---- status codes -------------------------------------------------------------------------- */

typedef int32_t crmext_status;

enum {
    CRMEXT_OK = 0,
    CRMEXT_INVALID_ARGUMENT = 1, /* bad settings, options or query; the message names the key */
    CRMEXT_UNSUPPORTED = 2,      /* the connector or plugin cannot do this */
    CRMEXT_AUTH = 3,             /* missing or rejected credentials */
    CRMEXT_PERMISSION = 4,       /* credentials lack a scope or permission */
    CRMEXT_NOT_FOUND = 5,        /* a referenced object, file or previous run does not exist */
    CRMEXT_NETWORK = 6,          /* the CRM could not be reached */
    CRMEXT_RATE_LIMITED = 7,     /* retryable; retry_after_ms says when, if known */
    CRMEXT_TIMEOUT = 8,
    CRMEXT_CANCELLED = 9,        /* host's cancelled() returned non-zero */
    CRMEXT_DATA = 10,            /* the CRM's data or a local database is invalid or corrupt */
    CRMEXT_INTERNAL = 11         /* a bug in the plugin; the message says where */
};

/* Caller-owned. The callee sets code (same value as the returned status), retry_after_ms (0 when
 * unknown or not retryable) and message (one line saying what failed and where). */
typedef struct crmext_error {
    int32_t code;
    int32_t retry_after_ms;
    char message[512];
} crmext_error;

/* ---- output sink --------------------------------------------------------------------------- */

/* Receives a function's output. May be called several times; the output is the concatenation of the
 * chunks, in call order. OWNERSHIP: `data` is borrowed and valid only during the call; copy what you
 * keep. `sink_ctx` is the caller's, passed through untouched. */
typedef void (*crmext_sink_fn)(void* sink_ctx, const char* data, size_t len);

/* ---- host services ------------------------------------------------------------------------- */

enum {
    CRMEXT_LOG_TRACE = 0,
    CRMEXT_LOG_DEBUG = 1,
    CRMEXT_LOG_INFO = 2,
    CRMEXT_LOG_WARN = 3,
    CRMEXT_LOG_ERROR = 4,
    CRMEXT_LOG_CRITICAL = 5
};

/* Provided by the host. OWNERSHIP: host-owned; the table and host_ctx stay valid until the last
 * instance created with it has been destroyed. Every function receives host_ctx first. */
typedef struct crmext_host_services {
    uint32_t struct_size; /* sizeof(crmext_host_services) as the host compiled it */
    uint16_t abi_major;
    uint16_t abi_minor;
    void* host_ctx;

    /* Log one message. component and msg are borrowed for the call; component is NUL-terminated,
     * msg has msg_len bytes. Plugins never pass secrets here. */
    void (*log)(void* host_ctx, int32_t level, const char* component, const char* msg, size_t msg_len);

    /* Look up a configuration value by dotted key ("kpi.window_days"). On CRMEXT_OK the value is
     * written to sink as JSON; CRMEXT_NOT_FOUND when the key is absent. key is borrowed. */
    crmext_status (*config_get)(void* host_ctx, const char* key, crmext_sink_fn sink, void* sink_ctx);

    /* Look up a secret by name ("SELLERSCORE_HUBSPOT_TOKEN"). On CRMEXT_OK the raw secret bytes are
     * written to sink; CRMEXT_NOT_FOUND when absent. The plugin must not log or persist it. */
    crmext_status (*secret_get)(void* host_ctx, const char* name, crmext_sink_fn sink, void* sink_ctx);

    /* Write the absolute path of a directory the plugin may keep state in (it exists and is writable). */
    crmext_status (*state_dir)(void* host_ctx, crmext_sink_fn sink, void* sink_ctx);

    /* Wall-clock time in milliseconds since the Unix epoch, UTC. Hosts may fix it for tests. */
    int64_t (*now_unix_ms)(void* host_ctx);

    /* Report progress of long work. total == 0 means unknown. label is NUL-terminated, borrowed. */
    void (*progress)(void* host_ctx, uint64_t done, uint64_t total, const char* label);

    /* Non-zero when the user asked to stop; long operations poll it and return CRMEXT_CANCELLED. */
    int32_t (*cancelled)(void* host_ctx);
} crmext_host_services;

/* ---- plugin table -------------------------------------------------------------------------- */

/* Opaque instance handle. OWNERSHIP: created by create(), owned by the host, released by destroy(). */
typedef struct crmext_instance crmext_instance;

/* Returned by crmext_entry. OWNERSHIP: plugin-owned, static and immutable; valid until the library is
 * unloaded. Every const char* in it is NUL-terminated and has the same lifetime. */
typedef struct crmext_plugin {
    uint32_t struct_size; /* sizeof(crmext_plugin) as the plugin compiled it */
    uint16_t abi_major;
    uint16_t abi_minor;

    const char* plugin_id;      /* the manifest's id, e.g. "io.sellerscore.plugin" */
    const char* plugin_version; /* SemVer, equal to the manifest's version */
    const char* manifest_json;  /* the manifest embedded at build time (manifest_json_len bytes) */
    size_t manifest_json_len;

    /* Create an instance from the host-validated configuration document (settings_json, borrowed).
     * On CRMEXT_OK *out_instance is set; otherwise it is left NULL. `host` must outlive the instance. */
    crmext_status (*create)(const crmext_host_services* host, const char* settings_json, size_t settings_len,
                            crmext_instance** out_instance, crmext_error* err);

    /* Release an instance; joins every plugin thread first. NULL is ignored. */
    void (*destroy)(crmext_instance* instance);

    /* The functions below share one shape: options_json (borrowed, may be NULL with length 0 for
     * "no options") in, a JSON document out through sink. The documents are described in the
     * project's docs/abi.md. */

    /* Create the plugin's custom fields in the CRM (idempotent). Out: {"created":[...],"existing":[...]} */
    crmext_status (*install)(crmext_instance* instance, const char* options_json, size_t options_len,
                             crmext_sink_fn sink, void* sink_ctx, crmext_error* err);

    /* Pull, compute, write back. Options: {"full":bool,"dry_run":bool}. Out: the run summary. */
    crmext_status (*sync)(crmext_instance* instance, const char* options_json, size_t options_len,
                          crmext_sink_fn sink, void* sink_ctx, crmext_error* err);

    /* The scorecard of the last successful sync. Out: the KPIS.md §8 document. */
    crmext_status (*scorecard)(crmext_instance* instance, const char* options_json, size_t options_len,
                               crmext_sink_fn sink, void* sink_ctx, crmext_error* err);

    /* Deals filtered by KPI fields. Options: {"where":"seller_score >= 80 and seller_score_band = A",
     * "limit":N}. Out: {"deals":[{"id","owner_id","stage_id","status","amount","fields":{...}}, ...]} */
    crmext_status (*query)(crmext_instance* instance, const char* options_json, size_t options_len,
                           crmext_sink_fn sink, void* sink_ctx, crmext_error* err);

    /* Remove the custom fields this plugin created, and their values. Out: {"removed":[...]} */
    crmext_status (*uninstall)(crmext_instance* instance, const char* options_json, size_t options_len,
                               crmext_sink_fn sink, void* sink_ctx, crmext_error* err);

    /* Cheap liveness check of the configured CRM connection. Out: {"ok":bool,"connector":"...",...} */
    crmext_status (*health)(crmext_instance* instance, crmext_sink_fn sink, void* sink_ctx, crmext_error* err);
} crmext_plugin;

/* The entry point. `host` is checked first: a different abi_major, or a struct_size too small to hold
 * the services the plugin needs, makes it return NULL with err filled. OWNERSHIP: `host` is borrowed
 * for the call (create() receives it again); `err` is caller-owned and may be NULL. */
typedef const crmext_plugin* (*crmext_entry_fn)(const crmext_host_services* host, crmext_error* err);

CRMEXT_EXPORT const crmext_plugin* crmext_entry(const crmext_host_services* host, crmext_error* err);

#ifdef __cplusplus
}
#endif

#endif /* CRMEXT_CRMEXT_H */
