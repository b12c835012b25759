#include "interrupt_flag.hpp"

#include <csignal>

namespace sellerscore::host {

namespace {

volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_sigint(int) { interrupted = 1; }

}  // namespace

void InterruptFlag::install() {
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;  // the second Ctrl-C terminates as usual
    sigaction(SIGINT, &action, nullptr);
}

bool InterruptFlag::raised() { return interrupted != 0; }

}  // namespace sellerscore::host
