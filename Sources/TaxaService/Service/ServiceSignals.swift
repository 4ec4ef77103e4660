import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every signal the service handles, installed at the process's first instruction: a signal
/// that comes while the tariff root is still loading must not find its default action (SIGHUP
/// would kill taxa silently). SIGTERM or SIGINT then ends the run before anything is read
/// (143, 130); a SIGHUP makes the service load the root again once it has loaded, so it prices
/// with the newest files; SIGPIPE is ignored, so a write reports EPIPE.
package enum ServiceSignals {
    package static func install() {
        StopSignal.install()
        ReloadSignal.install()
    }

    /// For the commands that are not the service (`check`, `rates`, `index add`): SIGHUP,
    /// SIGTERM and SIGINT take their default action (end the process) again, and one that came
    /// since `install` takes it now.
    package static func restoreDefaults() {
        for stop in [SIGHUP, SIGTERM, SIGINT] { signal(stop, SIG_DFL) }
        if StopSignal.requested { raise(StopSignal.signal) }
        if ReloadSignal.pending { raise(SIGHUP) }
    }
}
