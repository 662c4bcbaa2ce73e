/// One line of compact JSON written field by field: the same text as a `JSONEncoder` with
/// sorted keys and unescaped slashes (`JSONOutput`'s compact form), for the values written
/// thousands of times a second (the web view's live events, `results.jsonl` lines), where
/// the encoder's generic machinery costs ten times the writing (docs/results/web-bench.md).
/// Tests check the two agree on random values.
///
/// A value is written with its keys in sorted (UTF-8) order by its `JSONLineWritable`
/// conformance; dictionaries are sorted here. What this writer does not write as the encoder
/// would (a non-finite number; a dictionary key snake_case conversion would change) marks
/// the line `exact == false`, and the caller uses the encoder instead.
public struct JSONLine {
    public private(set) var text: String
    /// False when something was written that the encoder would write differently.
    public private(set) var exact = true
    /// Whether the encoder being matched converts keys to snake_case (`JSONOutput` does;
    /// dictionary keys included).
    public let convertsKeysToSnakeCase: Bool
    private var needsComma = false

    public init(convertsKeysToSnakeCase: Bool, capacity: Int = 256) {
        self.convertsKeysToSnakeCase = convertsKeysToSnakeCase
        text = ""
        text.reserveCapacity(capacity)
    }

    /// A writable value as one line.
    public static func write(_ value: some JSONLineWritable, convertsKeysToSnakeCase: Bool) -> JSONLine {
        var line = JSONLine(convertsKeysToSnakeCase: convertsKeysToSnakeCase)
        value.write(to: &line)
        return line
    }

    /// The text when it is the encoder's to the byte; nil when the caller must use the encoder.
    public var exactText: String? { exact ? text : nil }

    public mutating func beginObject() { open("{") }
    public mutating func endObject() { close("}") }
    public mutating func beginArray() { open("[") }
    public mutating func endArray() { close("]") }

    /// A field's key (the caller writes keys in sorted order; static snake_case names).
    public mutating func key(_ key: String) {
        separate()
        quoted(key)
        text += ":"
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        quoted(value)
        needsComma = true
    }

    public mutating func number(_ value: Double) {
        guard value.isFinite else {
            exact = false
            return literal("null")
        }
        let written = value.description
        literal(written.hasSuffix(".0") ? String(written.dropLast(2)) : written)
    }

    public mutating func integer(_ value: some BinaryInteger) { literal(String(value)) }
    public mutating func bool(_ value: Bool) { literal(value ? "true" : "false") }
    public mutating func null() { literal("null") }

    /// A `[String: Double]` as an object, keys sorted.
    public mutating func numbers(_ values: [String: Double]) {
        beginObject()
        for key in values.keys.sorted(by: Self.precedes) {
            dictionaryKey(key)
            number(values[key]!)
        }
        endObject()
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// A dictionary's key: as `key`, but one the encoder's snake_case conversion would change
    /// (an upper-case or non-ASCII letter) makes the line inexact.
    public mutating func dictionaryKey(_ key: String) {
        if convertsKeysToSnakeCase, key.utf8.contains(where: { (65...90).contains($0) || $0 >= 128 }) { exact = false }
        self.key(key)
    }

    /// The encoder's key order: UTF-8 bytes, lexicographically.
    public static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// The text of a finished value, written as it is.
    private mutating func literal(_ written: String) {
        separate()
        text += written
        needsComma = true
    }

    private mutating func open(_ bracket: String) {
        separate()
        text += bracket
        needsComma = false
    }

    private mutating func close(_ bracket: String) {
        text += bracket
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { text += "," }
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// `value` quoted and escaped as the encoder does: `"` and `\`, the short forms of
    /// backspace, form feed, newline, return and tab, other control characters as `\u00xx`.
    private mutating func quoted(_ value: String) {
        text += "\""
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\u{08}": text += "\\b"
                case "\u{0C}": text += "\\f"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    text += "\\u00"
                    text.append(Self.hexDigits[Int(scalar.value >> 4)])
                    text.append(Self.hexDigits[Int(scalar.value & 0xF)])
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

/// A value `JSONLine` can write: its fields in sorted key order, as its `Encodable`
/// conformance would encode them.
public protocol JSONLineWritable {
    func write(to line: inout JSONLine)
}
