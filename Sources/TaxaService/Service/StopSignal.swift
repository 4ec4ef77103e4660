import TaxaBase
import TaxaEngine
import TaxaForms

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGTERM/SIGINT handling for the stream: the signal only sets a flag (and wakes the reader),
/// and the service stops between lines after writing every complete answer, so stdout never
/// ends in half a line. The exit status is 128 + the signal: 143 after SIGTERM, 130 after SIGINT.
package enum StopSignal {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    package static var requested: Bool { received != 0 }

    /// The signal that asked for the stop (0 if none).
    static var signal: Int32 { Int32(received) }

    /// The process exit status after the stop: 128 + the signal's number.
    package static var exitStatus: Int32 { 128 + Int32(received) }

    /// Installs the handlers without SA_RESTART, so a blocked read returns and the stop is seen.
    package static func install() {
        SignalWake.open()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            StopSignal.received = sig_atomic_t(signal)
            SignalWake.poke()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGINT, &action, nil)
        // A parent may start us with these blocked (a blocked mask is inherited through exec,
        // e.g. from a Dispatch thread): then SIGTERM would never arrive and a supervisor's
        // SIGKILL could cut a line in half. Unblock them for every thread started from here on.
        var stops = sigset_t()
        sigemptyset(&stops)
        sigaddset(&stops, SIGTERM)
        sigaddset(&stops, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &stops, nil)
        // A closed stdout is reported by write() as EPIPE, and ends the run as SIGPIPE would
        // have, once every answer before it is accounted for (`StandardStreams.exit`).
        Glibc.signal(SIGPIPE, SIG_IGN)
    }
}
