import TaxaBase

/// A block's object read through its `ObjectShape`: a key the shape does not declare is refused
/// (naming the declared ones), and a parser that reads a key its shape does not declare, reads
/// an optional key as required (or the reverse), or returns without having read every declared
/// key stops with a programming error, found by the tests that read every block's examples. So
/// the declaration the schema and the docs are generated from is the one the parser obeys.
final class DeclaredObject {
    let fields: ObjectFields
    let shape: ObjectShape
    private var unread: [String]

    private init(_ value: JSONValue, _ shape: ObjectShape) throws(FieldError) {
        fields = try ObjectFields(value, what: shape.what)
        try fields.onlyKeys(shape.names)
        self.shape = shape
        unread = shape.names
    }

    /// Reads `value` as an object of `shape` with `body`, which must read every declared key.
    static func read<T>(_ value: JSONValue, _ shape: ObjectShape, _ body: (DeclaredObject) throws(FieldError) -> T) throws(FieldError) -> T {
        let object = try DeclaredObject(value, shape)
        let result = try body(object)
        precondition(object.unread.isEmpty, "\(shape.what): declared keys \(object.unread) are never read by the parser")
        if !shape.atLeastOne.isEmpty, !shape.atLeastOne.contains(where: { object.fields.optional($0) != nil }) {
            preconditionFailure("\(shape.what): the parser accepted none of \(shape.atLeastOne)")
        }
        return result
    }

    /// The declared key `name`, marked read; it must be declared with `presence`.
    private func declared(_ name: String, required: Bool) -> DeclaredKey {
        guard let key = shape.key(name) else { preconditionFailure("\(shape.what): reads \"\(name)\", which it does not declare") }
        precondition((key.presence == .required) == required, "\(shape.what): reads \"\(name)\" as \(required ? "required" : "optional"), declared otherwise")
        unread.removeAll { $0 == name }
        return key
    }

    /// A required key, read with `read`.
    func read<T>(_ name: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T {
        _ = declared(name, required: true)
        return try fields.read(name, read)
    }

    /// An optional key, read with `read`; nil when absent.
    func readIfPresent<T>(_ name: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T? {
        _ = declared(name, required: false)
        return try fields.readIfPresent(name, read)
    }

    /// An optional integer key with a declared range and default (`"per": 60`, default 1).
    func integer(_ name: String) throws(FieldError) -> Int64 {
        let key = declared(name, required: false)
        guard case .integer(let range) = key.shape, case .defaulted(let text) = key.presence, let fallback = Int64(text) else {
            preconditionFailure("\(shape.what): \"\(name)\" is not declared an integer with a default")
        }
        return try fields.readIfPresent(name) { v throws(FieldError) in try Read.integer(v, in: range) } ?? fallback
    }

    /// A required string key that must be one of the declared values.
    func oneOf<T>(_ name: String, _ read: (JSONValue, [String]) throws(FieldError) -> T) throws(FieldError) -> T {
        let key = declared(name, required: true)
        guard case .oneOf(let values) = key.shape else { preconditionFailure("\(shape.what): \"\(name)\" is not declared one of a list") }
        return try fields.read(name) { v throws(FieldError) in try read(v, values) }
    }

    /// Whether the object has the optional key `name`; the key counts as read (the parser
    /// decided on it).
    func has(_ name: String) -> Bool {
        _ = declared(name, required: false)
        return fields.optional(name) != nil
    }

    /// An optional key the object has (`has(name)`), read with `read`.
    func present<T>(_ name: String, _ read: (JSONValue) throws(FieldError) -> T) throws(FieldError) -> T {
        _ = declared(name, required: false)
        return try fields.read(name, read)
    }
}
