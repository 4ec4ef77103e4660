import CJansson
import CParseArena

/// The one place in taxa that touches jansson's C API.
///
/// A `JSONDocument` owns a parsed jansson tree; `JSONValue`s are read-only views into it. A
/// view does not own the document (see `JSONValue`): the document is read inside `withValue`,
/// which keeps it alive until its body returns, so no caller ever sees a raw pointer and no
/// value read costs a reference count. A request's tree is read inside `withTransient`, which
/// makes no document object at all.
@usableFromInline package final class JSONDocument: @unchecked Sendable {
    @usableFromInline let root: OpaquePointer

    @inlinable init(root: OpaquePointer) { self.root = root }

    deinit { taxa_json_decref(UnsafeMutablePointer(root)) }

    /// Parses one JSON text of any type (object, array, string, …); duplicate object keys are
    /// rejected, because a duplicated `minutes` would be ambiguous.
    package static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<JSONDocument, JSONSyntaxError> {
        load(bytes, arena: nil).map { JSONDocument(root: $0) }
    }

    /// Parses `bytes` as `parse` does and calls `body` with the top-level value; the tree is
    /// released when `body` returns, and the value and everything read from it with it.
    ///
    /// For a document that lives only while one request is answered on this thread (the
    /// service's requests, `taxa impact`'s lines): its tree is built in the thread's parse
    /// arena, which saves a `malloc` and a `free` per value and the walk that frees the tree
    /// (about a quarter of what jansson spends on a request), and no document object is made.
    /// A document parsed inside `body` uses jansson's own allocation.
    package static func withTransient<R>(_ bytes: UnsafeRawBufferPointer, _ body: (JSONValue) -> R) -> Result<R, JSONSyntaxError> {
        let arena = taxa_arena_begin()
        switch load(bytes, arena: arena) {
        case .success(let tree):
            defer { if let arena { taxa_arena_reset(arena) } else { taxa_json_decref(UnsafeMutablePointer(tree)) } }
            return .success(body(JSONValue(raw: tree)))
        case .failure(let error):
            return .failure(error)
        }
    }

    /// jansson's parse, into `arena` when one is given (emptied again if the text is refused).
    private static func load(_ bytes: UnsafeRawBufferPointer, arena: OpaquePointer?) -> Result<OpaquePointer, JSONSyntaxError> {
        var error = json_error_t()
        let flags = TAXA_JSON_REJECT_DUPLICATES | TAXA_JSON_DECODE_ANY
        let empty: CChar = 0
        _ = arenaInstalled
        let tree = withUnsafePointer(to: empty) { fallback in
            json_loadb(bytes.baseAddress?.assumingMemoryBound(to: CChar.self) ?? fallback, bytes.count, flags, &error)
        }
        if let arena { taxa_arena_stop(arena) }
        guard let tree else {
            if let arena { taxa_arena_reset(arena) }
            let text = withUnsafeBytes(of: &error.text) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            return .failure(
                JSONSyntaxError(
                    message: text, line: Int(error.line),
                    column: Int(error.column), position: Int(error.position)))
        }
        return .success(OpaquePointer(tree))
    }

    /// jansson allocates through the arena's functions, which use `malloc` and `free` unless a
    /// transient tree is being built on the calling thread. Installed before the first parse.
    @usableFromInline static let arenaInstalled: Void = json_set_alloc_funcs(taxa_arena_malloc, taxa_arena_free)

    /// Parses a whole file's bytes (tariff and index files).
    package static func parse(_ bytes: [UInt8]) -> Result<JSONDocument, JSONSyntaxError> {
        bytes.withUnsafeBytes { parse($0) }
    }

    /// Calls `body` with the document's top-level value, keeping the document alive until
    /// `body` returns. The value and every value read from it are valid only inside `body`:
    /// none may be kept beyond it (in a result, a stored property or an escaping closure), as
    /// with `withTransient`'s. `JSONValue` is not `Sendable`, so the compiler refuses one in a
    /// `Sendable` type; the types that say they are `@unchecked Sendable` while holding one (a
    /// request's item inputs, `FeeItem.Inputs`; a version file's definitions while it is read,
    /// `Definitions`) live only inside such a `body`, and this is not checked for them.
    @inlinable package func withValue<R, E: Error>(_ body: (JSONValue) throws(E) -> R) throws(E) -> R {
        try withExtendedLifetime(self) { () throws(E) -> R in try body(JSONValue(raw: root)) }
    }
}

/// Where and why jansson refused a text.
@usableFromInline package struct JSONSyntaxError: Error, Sendable, Equatable {
    package var message: String
    package var line: Int
    package var column: Int
    package var position: Int
}

/// The JSON types, as taxa's validators name them in messages.
@usableFromInline package enum JSONKind: Sendable, Equatable {
    case object, array, string, integer, real, bool, null

    @inlinable package var name: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .real: "a real number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A read-only view of one value inside a `JSONDocument`: the node's address, and nothing else.
///
/// The view does not own its document, so copying one, or reading a member or an element, costs
/// no retain and no release (a request's decoders read some hundred values). It is valid while
/// its tree is alive, which `JSONDocument.withValue` and `JSONDocument.withTransient` guarantee
/// for the duration of their bodies, the only places a view comes from: whoever parses a
/// document reads it there and keeps no view beyond it. The request processor reads a request
/// and `taxa impact` prices it twice inside `withTransient`'s body, the tariff loader reads a
/// file inside `withValue`'s; a view stored in a struct
/// (`RequestEnvelope.meta`, a decoder's scratch members, `Definitions.Entry.value`) lives only
/// as long as the decoding or parsing called from it. Not `Sendable`: a view never leaves the
/// thread that reads its document.
@usableFromInline package struct JSONValue {
    @usableFromInline let raw: OpaquePointer

    @usableFromInline init(raw: OpaquePointer) { self.raw = raw }

    @usableFromInline var pointer: UnsafeMutablePointer<json_t> { UnsafeMutablePointer(raw) }

    @inlinable package var kind: JSONKind {
        switch json_type(rawValue: UInt32(taxa_json_typeof(pointer))) {
        case JSON_OBJECT: .object
        case JSON_ARRAY: .array
        case JSON_STRING: .string
        case JSON_INTEGER: .integer
        case JSON_REAL: .real
        case JSON_TRUE, JSON_FALSE: .bool
        default: .null
        }
    }

    /// The string's text, or nil when this is not a string.
    @inlinable package var string: String? {
        guard kind == .string, let chars = json_string_value(pointer) else { return nil }
        let count = json_string_length(pointer)
        return chars.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    /// Calls `body` with the string's UTF-8 bytes without copying them; nil for non-strings.
    /// The bytes are valid only inside `body`.
    @inlinable package func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(FieldError) -> R) throws(FieldError) -> R? {
        guard kind == .string, let chars = json_string_value(pointer) else { return nil }
        let count = json_string_length(pointer)
        return try chars.withMemoryRebound(to: UInt8.self, capacity: count) { (start) throws(FieldError) -> R in
            try body(UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// Calls `body` with each member's key bytes and value, in document order; stops when `body`
    /// returns false. One pass over the object instead of one hash lookup per expected key.
    @inlinable package func forEachMember(_ body: (UnsafeBufferPointer<UInt8>, JSONValue) -> Bool) {
        guard kind == .object else { return }
        var iter = json_object_iter(pointer)
        while let it = iter {
            let keyLength = json_object_iter_key_len(it)
            guard let child = json_object_iter_value(it) else { return }
            let proceed = json_object_iter_key(it).withMemoryRebound(to: UInt8.self, capacity: keyLength) {
                body(UnsafeBufferPointer(start: $0, count: keyLength), JSONValue(raw: OpaquePointer(child)))
            }
            if !proceed { return }
            iter = json_object_iter_next(pointer, it)
        }
    }

    /// Calls `body` with each member key's UTF-8 bytes, in document order, without copying them;
    /// stops when `body` returns false.
    @inlinable package func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        guard kind == .object else { return }
        var iter = json_object_iter(pointer)
        while let it = iter {
            let keyLength = json_object_iter_key_len(it)
            let proceed = json_object_iter_key(it).withMemoryRebound(to: UInt8.self, capacity: keyLength) {
                body(UnsafeBufferPointer(start: $0, count: keyLength))
            }
            if !proceed { return }
            iter = json_object_iter_next(pointer, it)
        }
    }

    /// The integer, or nil when this is not a JSON integer (reals are never coerced).
    @inlinable package var integer: Int64? {
        kind == .integer ? Int64(json_integer_value(pointer)) : nil
    }

    @inlinable package var bool: Bool? {
        switch json_type(rawValue: UInt32(taxa_json_typeof(pointer))) {
        case JSON_TRUE: true
        case JSON_FALSE: false
        default: nil
        }
    }

    /// The number of elements of an array or members of an object; 0 otherwise.
    @inlinable package var count: Int {
        switch kind {
        case .array: json_array_size(pointer)
        case .object: json_object_size(pointer)
        default: 0
        }
    }

    /// The array element at `index`, or nil.
    @inlinable package func element(_ index: Int) -> JSONValue? {
        guard kind == .array, let child = json_array_get(pointer, index) else { return nil }
        return JSONValue(raw: OpaquePointer(child))
    }

    /// The array's elements in order (empty for non-arrays).
    @inlinable package var elements: [JSONValue] {
        guard kind == .array else { return [] }
        return (0..<json_array_size(pointer)).compactMap(element)
    }

    /// The object's member `key`, or nil.
    @inlinable package func member(_ key: String) -> JSONValue? {
        guard kind == .object else { return nil }
        // By length and bytes (json_object_getn), the key's bytes borrowed in place (a native
        // string holds them C-terminated): `withUTF8` would need a mutable copy, and `utf8` a
        // view, each a retain and a release.
        let length = key.utf8.count
        guard let child = key.withCString({ json_object_getn(pointer, $0, length) }) else { return nil }
        return JSONValue(raw: OpaquePointer(child))
    }

    /// The object's members in document order (jansson keeps insertion order).
    @inlinable package var members: [(key: String, value: JSONValue)] {
        guard kind == .object else { return [] }
        var result: [(key: String, value: JSONValue)] = []
        result.reserveCapacity(json_object_size(pointer))
        var iter = json_object_iter(pointer)
        while let it = iter {
            let keyLength = json_object_iter_key_len(it)
            let key = json_object_iter_key(it).withMemoryRebound(to: UInt8.self, capacity: keyLength) {
                String(decoding: UnsafeBufferPointer(start: $0, count: keyLength), as: UTF8.self)
            }
            if let child = json_object_iter_value(it) {
                result.append((key, JSONValue(raw: OpaquePointer(child))))
            }
            iter = json_object_iter_next(pointer, it)
        }
        return result
    }

    /// Appends this value as compact JSON (how `meta` is echoed), keys in document order.
    ///
    /// Written value by value rather than with `json_dumpb`: jansson prints a real with 17
    /// significant digits, so `0.1` would come back as `0.10000000000000001`. A real is written
    /// here as the shortest text that reads back as the same double (`0.1`, `2.5e-07`), so every
    /// number keeps its value. Iterative, because `meta` may be nested 2 048 levels deep.
    @usableFromInline package func appendCompactJSON(to output: inout JSONWriter) {
        // Open containers: an object with its next member, or an array with its next index.
        var open: [(container: UnsafeMutablePointer<json_t>, isObject: Bool, member: UnsafeMutableRawPointer?, index: Int)] = []
        var next: UnsafeMutablePointer<json_t>? = pointer
        while true {
            if let value = next {
                next = nil
                switch json_type(rawValue: UInt32(taxa_json_typeof(value))) {
                case JSON_OBJECT:
                    output.beginObject()
                    open.append((value, true, json_object_iter(value), 0))
                case JSON_ARRAY:
                    output.beginArray()
                    open.append((value, false, nil, 0))
                case JSON_STRING:
                    output.string(utf8: UnsafeRawBufferPointer(start: json_string_value(value), count: json_string_length(value)))
                case JSON_INTEGER: output.integer(Int64(json_integer_value(value)))
                case JSON_REAL: output.real(json_real_value(value))
                case JSON_TRUE: output.bool(true)
                case JSON_FALSE: output.bool(false)
                default: output.null()
                }
            }
            guard let top = open.last else { return }
            if top.isObject {
                guard let member = top.member else {
                    output.endObject()
                    open.removeLast()
                    continue
                }
                output.key(utf8: UnsafeRawBufferPointer(start: json_object_iter_key(member), count: json_object_iter_key_len(member)))
                next = json_object_iter_value(member)
                open[open.count - 1].member = json_object_iter_next(top.container, member)
            } else if top.index < json_array_size(top.container) {
                next = json_array_get(top.container, top.index)
                open[open.count - 1].index += 1
            } else {
                output.endArray()
                open.removeLast()
            }
        }
    }
}
