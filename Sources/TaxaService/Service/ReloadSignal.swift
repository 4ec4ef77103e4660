import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGHUP: load and validate the whole tariff root again, between two requests. A valid set
/// replaces the old one (every answer is priced wholly by one set); an invalid one is refused,
/// its problems are written to stderr naming file and field, and the old set keeps answering.
package enum ReloadSignal {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    static func install() {
        SignalWake.open()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            ReloadSignal.received = 1
            SignalWake.poke()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGHUP, &action, nil)
        var hangup = sigset_t()
        sigemptyset(&hangup)
        sigaddset(&hangup, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &hangup, nil)
    }

    /// Whether a SIGHUP came that no reload has taken yet.
    static var pending: Bool { received != 0 }

    /// True once per SIGHUP (several before a reload count as one: it reads the files as they
    /// are then). Cleared before the files are read, so a SIGHUP during a reload is not lost.
    static func take() -> Bool {
        guard received != 0 else { return false }
        received = 0
        return true
    }

    /// The set to price with from now on: the root loaded again if it is valid, else `current`.
    static func reload(_ current: TariffSet) -> TariffSet {
        let root = current.root
        let report = TariffLoader.load(root: root)
        var stderr = StandardError()
        for notice in report.ignoredNotices(under: root) { print(notice + "\n", terminator: "", to: &stderr) }
        guard let set = report.tariffSet else {
            var text = "taxa: SIGHUP: the tariff set in \(root) is invalid; still pricing with the set loaded before:\n"
            for diagnostic in report.errors { text += "  \(diagnostic.located(under: root))\n" }
            print(text, terminator: "", to: &stderr)
            return current
        }
        let versions = set.tariffs.values.reduce(0) { $0 + $1.versions.count }
        // One write per report (print would write the newline separately).
        print(
            "taxa: SIGHUP: reloaded the tariff set in \(root): \(set.tariffs.count) tariff(s), \(versions) version(s), \(set.indices.count) index series\n",
            terminator: "", to: &stderr)
        return set
    }
}
