/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// The shared image datasets ship gzip-compressed (MNIST's IDX files, digits' CSV). Foundation on
/// Linux offers no decompression and the project links no zlib, so this small decoder reads them;
/// it favours clarity over speed (tens of MB/s is ample for datasets read once per run).
/// Every malformed input is a `DataError` naming the source and the byte offset, never a crash.
struct Inflate {
    private let input: [UInt8]
    private let source: String
    private var next: Int          // next input byte to load into `bits`
    private var bits: UInt64 = 0   // loaded, unconsumed bits, least significant first
    private var bitCount = 0
    private var output: [UInt8] = []

    /// Decodes the DEFLATE stream starting at byte `start` of `input`. Returns the decoded bytes and
    /// the offset of the first byte after the stream (where a gzip trailer starts).
    static func decode(_ input: [UInt8], from start: Int, source: String,
                       expectedSize: Int = 0) throws(DataError) -> (bytes: [UInt8], end: Int) {
        var decoder = Inflate(input: input, source: source, next: start)
        decoder.output.reserveCapacity(max(expectedSize, 2 * (input.count - start)))
        var last = false
        while !last {
            last = try decoder.read(1) == 1
            switch try decoder.read(2) {
            case 0: try decoder.storedBlock()
            case 1: try decoder.huffmanBlock(literals: HuffmanCode.fixedLiterals, distances: HuffmanCode.fixedDistances)
            case 2:
                let (literals, distances) = try decoder.dynamicCodes()
                try decoder.huffmanBlock(literals: literals, distances: distances)
            default: throw decoder.error("reserved block type 3")
            }
        }
        return (decoder.output, decoder.byteOffset)
    }

    private init(input: [UInt8], source: String, next: Int) {
        self.input = input
        self.source = source
        self.next = next
    }

    /// The offset of the byte holding the next unread bit, once the stream is byte-aligned.
    private var byteOffset: Int { next - bitCount / 8 }

    private func error(_ message: String) -> DataError {
        DataError(file: source, message: "corrupt compressed data near byte \(byteOffset): \(message)")
    }

    private mutating func refill() {
        while bitCount <= 56 && next < input.count {
            bits |= UInt64(input[next]) << UInt64(bitCount)
            next += 1
            bitCount += 8
        }
    }

    /// The next `count` (at most 32) bits as an integer, first bit least significant.
    private mutating func read(_ count: Int) throws(DataError) -> Int {
        if bitCount < count { refill() }
        guard bitCount >= count else { throw error("the data ends in the middle of a block") }
        let value = Int(bits & ((1 << UInt64(count)) - 1))
        bits >>= UInt64(count)
        bitCount -= count
        return value
    }

    /// Decodes one symbol: the table is indexed by the next `maxLength` bits (zero past the end).
    private mutating func decode(_ code: HuffmanCode) throws(DataError) -> Int {
        if bitCount < code.maxLength { refill() }
        let entry = code.table[Int(bits & code.mask)]
        let length = Int(entry & 0xF)
        guard length > 0 else { throw error("a bit pattern that is no Huffman code") }
        guard length <= bitCount else { throw error("the data ends in the middle of a block") }
        bits >>= UInt64(length)
        bitCount -= length
        return Int(entry >> 4)
    }

    private mutating func storedBlock() throws(DataError) {
        // Drop the rest of the current byte, then return whole unread bytes to the input.
        bits >>= UInt64(bitCount % 8)
        bitCount -= bitCount % 8
        next -= bitCount / 8
        bits = 0
        bitCount = 0
        guard next + 4 <= input.count else { throw error("the data ends in a stored block's header") }
        let length = Int(input[next]) | Int(input[next + 1]) << 8
        let complement = Int(input[next + 2]) | Int(input[next + 3]) << 8
        guard length == complement ^ 0xFFFF else { throw error("a stored block's length does not match its complement") }
        next += 4
        guard next + length <= input.count else { throw error("the data ends inside a stored block") }
        output.append(contentsOf: input[next..<(next + length)])
        next += length
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                     67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                        11, 11, 12, 12, 13, 13]

    private mutating func huffmanBlock(literals: HuffmanCode, distances: HuffmanCode) throws(DataError) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 { output.append(UInt8(symbol)); continue }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Self.lengthBase.count else { throw error("invalid length symbol \(symbol)") }
            let length = Self.lengthBase[lengthIndex] + (try read(Self.lengthExtra[lengthIndex]))
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < Self.distanceBase.count else { throw error("invalid distance symbol \(distanceSymbol)") }
            let distance = Self.distanceBase[distanceSymbol] + (try read(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else {
                throw error("a back-reference \(distance) bytes back, before the start of the data")
            }
            let from = output.count - distance
            for k in 0..<length { output.append(output[from + k]) }  // may overlap what it writes: byte by byte
        }
    }

    /// The order in which a dynamic block lists its code-length code lengths.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamicCodes() throws(DataError) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try read(5) + 257, distanceCount = try read(5) + 1, codeLengthCount = try read(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw error("too many literal or distance codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[Self.codeLengthOrder[i]] = UInt8(try read(3)) }
        let codeLengths = try code(codeLengthLengths)
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengths)
            let (value, repeats): (UInt8, Int)
            switch symbol {
            case 0..<16: (value, repeats) = (UInt8(symbol), 1)
            case 16:
                guard let previous = lengths.last else { throw error("a repeated code length with nothing before it") }
                (value, repeats) = (previous, 3 + (try read(2)))
            case 17: (value, repeats) = (0, 3 + (try read(3)))
            default: (value, repeats) = (0, 11 + (try read(7)))
            }
            guard lengths.count + repeats <= literalCount + distanceCount else { throw error("code lengths overflow the table") }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }
        guard lengths[256] != 0 else { throw error("a block without an end-of-block code") }
        return (try code(Array(lengths[..<literalCount])), try code(Array(lengths[literalCount...])))
    }

    private func code(_ lengths: [UInt8]) throws(DataError) -> HuffmanCode {
        guard let code = HuffmanCode(lengths: lengths) else { throw error("over-subscribed Huffman code lengths") }
        return code
    }
}

/// A canonical Huffman code as a lookup table indexed by the next `maxLength` input bits.
struct HuffmanCode: Sendable {
    /// `symbol << 4 | codeLength` per bit pattern; code length 0 marks a pattern no code starts.
    let table: [UInt32]
    let maxLength: Int
    var mask: UInt64 { (1 << UInt64(maxLength)) - 1 }

    /// The code with these lengths per symbol (0 = unused), or nil if the lengths over-subscribe
    /// the code space. Incomplete codes are accepted (DEFLATE allows a single distance code); their
    /// unused patterns fail when decoded.
    init?(lengths: [UInt8]) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var available = 1
        for length in 1...15 {
            available = available * 2 - counts[length]
            if available < 0 { return nil }
        }
        maxLength = max(1, Int(lengths.max() ?? 1))
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        var table = [UInt32](repeating: 0, count: 1 << maxLength)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            let codeValue = nextCode[length]
            nextCode[length] += 1
            // The stream packs Huffman codes most significant bit first: index by the reversed code.
            var reversed = 0
            for b in 0..<length where codeValue & (1 << b) != 0 { reversed |= 1 << (length - 1 - b) }
            for index in stride(from: reversed, to: table.count, by: 1 << length) {
                table[index] = UInt32(symbol) << 4 | UInt32(length)
            }
        }
        self.table = table
    }

    static let fixedLiterals = HuffmanCode(lengths: [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
                                                    + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8))!
    static let fixedDistances = HuffmanCode(lengths: [UInt8](repeating: 5, count: 30))!
}
