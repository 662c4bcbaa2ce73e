import Foundation

/// The safetensors layout (Hugging Face's, readable by the `safetensors` Python package):
/// an 8-byte little-endian header length N, N bytes of a JSON header, then the tensors' bytes.
/// The header maps each tensor's name to `{"dtype": "F32", "shape": [...], "data_offsets":
/// [begin, end]}` (offsets into the bytes after the header) and may hold `__metadata__`, a
/// map of strings. Frontier writes only F32 tensors, in name order, the header padded with
/// spaces so the data starts on an 8-byte boundary, as the reference writer does.
///
/// Reading treats the bytes as untrusted: the header length, the JSON, every dtype, shape
/// and offset are checked, and the tensors must tile the data exactly (no gaps, no overlap).
public enum SafeTensors {
    /// The largest header read (the reference implementation's limit).
    public static let maximumHeaderBytes = 100_000_000

    /// The file's bytes.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> Data {
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(quoted($0)):\(quoted(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for name in tensors.keys.sorted() {
            let t = tensors[name]!
            let end = offset + 4 * t.values.count
            entries.append("\(quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],"
                           + "\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        var bytes = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for name in tensors.keys.sorted() {
            tensors[name]!.values.withUnsafeBufferPointer { values in
                for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            }
        }
        return bytes
    }

    /// The tensors and metadata of a file's bytes; `source` names the file in errors.
    public static func decode(_ bytes: Data, source: String) throws(ModelFileError) -> (tensors: [String: Tensor], metadata: [String: String]) {
        func fail(_ message: String) -> ModelFileError { ModelFileError(file: source, message) }
        guard bytes.count >= 8 else { throw fail("is \(bytes.count) bytes, too short for a safetensors header") }
        let start = bytes.startIndex
        let length = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length <= UInt64(maximumHeaderBytes), Int(length) <= bytes.count - 8 else {
            throw fail("header length \(length) does not fit the file's \(bytes.count) bytes")
        }
        let headerBytes = bytes[(start + 8)..<(start + 8 + Int(length))]
        guard let object = try? JSONSerialization.jsonObject(with: headerBytes), let header = object as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let map = raw as? [String: Any], map.values.allSatisfy({ $0 is String }) else {
                throw fail("__metadata__ must map names to strings")
            }
            metadata = map.mapValues { $0 as! String }
        }
        let dataStart = start + 8 + Int(length)
        let dataCount = bytes.count - 8 - Int(length)
        var spans: [(name: String, begin: Int, end: Int, shape: [Int])] = []
        for (name, value) in header where name != "__metadata__" {
            spans.append(try entry(name, value, dataCount: dataCount, fail: fail))
        }
        spans.sort { $0.begin < $1.begin }
        var expected = 0
        for span in spans {
            guard span.begin == expected else { throw fail("tensor '\(span.name)' starts at byte \(span.begin), expected \(expected): tensors must tile the data") }
            expected = span.end
        }
        guard expected == dataCount else { throw fail("the tensors cover \(expected) of the \(dataCount) data bytes") }
        var tensors: [String: Tensor] = [:]
        bytes.withUnsafeBytes { raw in
            for span in spans {
                let count = (span.end - span.begin) / 4
                var values = [Float](repeating: 0, count: count)
                let base = dataStart - start + span.begin
                for i in 0..<count {
                    values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4 * i, as: UInt32.self)))
                }
                tensors[span.name] = Tensor(shape: span.shape, values: values)
            }
        }
        return (tensors, metadata)
    }

    /// One header entry, checked: dtype F32, a shape of non-negative integers, offsets within
    /// the data whose length is the shape's element count times 4.
    private static func entry(_ name: String, _ value: Any, dataCount: Int,
                              fail: (String) -> ModelFileError) throws(ModelFileError) -> (name: String, begin: Int, end: Int, shape: [Int]) {
        guard let fields = value as? [String: Any] else { throw fail("tensor '\(name)' is not a JSON object") }
        guard let dtype = fields["dtype"] as? String else { throw fail("tensor '\(name)' has no dtype") }
        guard dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(dtype); Frontier reads F32 tensors") }
        guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 && $0 <= Int(Int32.max) }) else {
            throw fail("tensor '\(name)' has no valid shape (a list of non-negative integers)")
        }
        guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
            throw fail("tensor '\(name)' has no valid data_offsets ([begin, end])")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= dataCount else {
            throw fail("tensor '\(name)' spans bytes \(begin)..<\(end), outside the \(dataCount) data bytes")
        }
        var elements = 1
        for d in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: d)
            guard !overflow, product <= dataCount else { throw fail("tensor '\(name)' has shape \(shape), larger than the file") }
            elements = product
        }
        guard end - begin == 4 * elements else {
            throw fail("tensor '\(name)' has shape \(shape) (\(4 * elements) bytes) but spans \(end - begin) bytes")
        }
        return (name, begin, end, shape)
    }

    /// A JSON array of integers (NSNumbers without a fractional part), else nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let items = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in items {
            guard let number = item as? NSNumber, let exact = Int(exactly: number.doubleValue), Double(exact) == number.doubleValue else { return nil }
            result.append(exact)
        }
        return result
    }

    /// A JSON string literal.
    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
