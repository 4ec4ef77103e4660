import CParseArena
import Dispatch
import Foundation
import Testing

@testable import TaxaBase

/// A request's tree is built in the thread's parse arena and released whole when its answer is
/// written (`JSONDocument.withTransient`): what is read from it must be exactly what was sent,
/// whatever the arena had to do to hold it, and the arena must be free for the next request.
@Suite struct TransientDocumentTests {
    /// The text of `member` in the transient tree of `json`, or the parse error's message.
    static func read(_ json: String, _ member: String) -> String {
        let result = Array(json.utf8).withUnsafeBytes { bytes in
            JSONDocument.withTransient(bytes) { root in root.member(member)?.string ?? "no \(member)" }
        }
        switch result {
        case .success(let text): return text
        case .failure(let error): return "refused at column \(error.column): \(error.message)"
        }
    }

    /// Whether the calling thread's arena is free for a new tree (nothing built in it is
    /// alive): the next request's tree would then be built there, not with `malloc`.
    static func arenaIsFree() -> Bool {
        guard let arena = taxa_arena_begin() else { return false }
        taxa_arena_reset(arena)
        return true
    }

    @Test func aValueLargerThanTheFirstChunkIsReadWhole() {
        // The arena's first chunk is 64 KiB: this value needs a chunk of its own, and the values
        // after it one more.
        let long = String(repeating: "0123456789abcdef", count: 5_000)
        let json = #"{"a":"\#(long)","b":"\#(long)x","c":"kort"}"#
        #expect(Self.read(json, "a") == long)
        #expect(Self.read(json, "b") == long + "x")
        #expect(Self.read(json, "c") == "kort")
        #expect(Self.arenaIsFree())
        #expect(Self.read(#"{"id":"oxl-2024-0000001"}"#, "id") == "oxl-2024-0000001")
    }

    @Test func aRefusedTextLeavesTheArenaFree() {
        let long = String(repeating: "x", count: 70_000)
        #expect(Self.read(#"{"a":"\#(long)", "a":1}"#, "a").hasPrefix("refused at column"))
        #expect(Self.arenaIsFree())
        #expect(Self.read(#"{"a":"ok",}"#, "a").hasPrefix("refused at column 11:"))
        #expect(Self.arenaIsFree())
        #expect(Self.read(#"{"a":"efter"}"#, "a") == "efter")
        #expect(Self.arenaIsFree())
    }

    @Test func aTreeParsedWhileOneIsAliveIsItsOwn() throws {
        // While the outer tree lives in the arena, the arena is not free: the inner tree is
        // jansson's own, and each reads back as sent.
        let outer = Array(#"{"a":"yttre"}"#.utf8)
        let inner = Array(#"{"a":"inre"}"#.utf8)
        let result = outer.withUnsafeBytes { outerBytes in
            JSONDocument.withTransient(outerBytes) { outerRoot in
                let freeInside = Self.arenaIsFree()
                let innerText = inner.withUnsafeBytes { innerBytes in
                    JSONDocument.withTransient(innerBytes) { $0.member("a")?.string }
                }
                return (freeInside, [outerRoot.member("a")?.string, try? innerText.get()])
            }
        }
        let (freeInside, texts) = try result.get()
        #expect(!freeInside)
        #expect(texts == ["yttre", "inre"])
        #expect(Self.arenaIsFree())
    }

    @Test func eachThreadHasItsOwnArena() {
        // Two threads, each holding its arena open until both have one: two different arenas.
        // Then both parse 2 000 requests at once, and none reads another's values.
        let opened = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        let results = UnsafeMutableBufferPointer<(arena: OpaquePointer?, failures: Int)>.allocate(capacity: 2)
        results.initialize(repeating: (nil, 0))
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        for thread in 0..<2 {
            finished.enter()
            Thread {
                let arena = taxa_arena_begin()
                slots[thread].arena = arena
                opened.signal()
                proceed.wait()
                if let arena { taxa_arena_reset(arena) }
                for n in 0..<2_000 {
                    let id = "t\(thread)-\(n)-" + String(repeating: "y", count: n % 40)
                    let pad = String(repeating: "z", count: n % 300)
                    if Self.read(#"{"id":"\#(id)","pad":"\#(pad)"}"#, "id") != id { slots[thread].failures += 1 }
                }
                finished.leave()
            }.start()
        }
        opened.wait()
        opened.wait()
        proceed.signal()
        proceed.signal()
        finished.wait()
        #expect(results[0].arena != nil && results[1].arena != nil)
        #expect(results[0].arena != results[1].arena)
        #expect(results.map(\.failures) == [0, 0])
    }
}
