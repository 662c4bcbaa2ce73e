/// Bounds the codec enforces on everything a peer sends, so an untrusted or buggy peer cannot make
/// a coordinator or worker allocate without limit or store absurd values.
///
/// Opaque payloads (job specs, run reports) and sweep specs are bounded only by
/// `maxEnvelopeBytes`; the other limits keep names, lists and maps at sizes a person would write.
public struct ProtocolLimits: Sendable, Hashable {
    /// Largest encoded envelope accepted, checked before parsing (default 4 MiB).
    public var maxEnvelopeBytes: Int
    /// Longest identifier in UTF-8 bytes: names, ids, job kinds, map keys, dataset names.
    public var maxIdentifierBytes: Int
    /// Longest free text in UTF-8 bytes: failure reasons, error messages, recipe descriptions.
    public var maxTextBytes: Int
    /// Most entries in one map (parameters, objectives, metrics, reference point).
    public var maxMapEntries: Int
    /// Most elements in one repeated field (shards, task ids, front rows, sweep summaries).
    public var maxListCount: Int
    /// Most task slots a worker may announce; more is certainly a bug on an edge device.
    public var maxSlots: UInt32

    /// Creates limits; every parameter defaults to the value of `ProtocolLimits.default`.
    public init(
        maxEnvelopeBytes: Int = 4 << 20,
        maxIdentifierBytes: Int = 256,
        maxTextBytes: Int = 64 << 10,
        maxMapEntries: Int = 256,
        maxListCount: Int = 100_000,
        maxSlots: UInt32 = 1024
    ) {
        self.maxEnvelopeBytes = maxEnvelopeBytes
        self.maxIdentifierBytes = maxIdentifierBytes
        self.maxTextBytes = maxTextBytes
        self.maxMapEntries = maxMapEntries
        self.maxListCount = maxListCount
        self.maxSlots = maxSlots
    }

    /// The limits every Frontier process uses unless configured otherwise.
    public static let `default` = ProtocolLimits()

    /// `text` cut to at most `maxTextBytes` of UTF-8 on a character boundary, ending
    /// in "…" when cut: what a free-text field (an `Error`'s message) may carry.
    public func fittingText(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.count > maxTextBytes else { return text }
        let marker = "…"
        var end = bytes.index(bytes.startIndex, offsetBy: max(0, maxTextBytes - marker.utf8.count))
        // Back to the start of a scalar: continuation bytes are 10xxxxxx.
        while end > bytes.startIndex, bytes[end] & 0xC0 == 0x80 { bytes.formIndex(before: &end) }
        return String(decoding: bytes[..<end], as: UTF8.self) + marker
    }
}
