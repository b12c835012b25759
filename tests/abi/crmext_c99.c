/* Compiled with -std=c99 -Wall -Wextra -Wpedantic -Werror: the ABI header must stay pure C. */
#include <crmext/crmext.h>

static crmext_status uses_every_type(const crmext_plugin* plugin, const crmext_host_services* host) {
    crmext_error err;
    crmext_instance* instance = 0;
    err.code = CRMEXT_OK;
    return plugin->create(host, "{}", 2, &instance, &err);
}

int main(void) {
    crmext_entry_fn entry = crmext_entry;
    return entry == 0 && uses_every_type != 0;
}
