// Ctrl-C as a request, not a kill: the first SIGINT sets a flag that the plugin polls through the
// cancelled() host service, so a sync stops between batches with its state consistent. A second
// SIGINT gets the default action, for a user who really wants out.
#pragma once

namespace sellerscore::host {

class InterruptFlag {
public:
    static void install();
    static bool raised();
};

}  // namespace sellerscore::host
