/// numpy's legacy random generator, `np.random.RandomState`, draw for draw.
///
/// The MTL paper's code splits its datasets with scikit-learn's `train_test_split(random_state=42)`
/// and pandas' `sample(random_state=42)`, and both draw from `RandomState(42)`. Reproducing their
/// row selections needs this exact stream: the 32-bit Mersenne Twister (MT19937) seeded as
/// `RandomState` seeds it, and the legacy algorithms on top of it (`randint`'s masked rejection
/// sampling, `shuffle`'s Fisher-Yates from the end, `permutation`, `choice` without replacement).
/// numpy keeps these legacy streams frozen across versions, which is what makes them reproducible.
///
/// Frontier's own randomness uses `SeededGenerator`; this type exists only to match numpy.
public struct NumpyLegacyRandom: Sendable {
    private static let stateLength = 624
    private static let shift = 397
    private static let matrixA: UInt32 = 0x9908_B0DF
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7FFF_FFFF

    private var key: [UInt32]
    private var position: Int

    /// `np.random.RandomState(seed)` for an integer seed (numpy accepts 0 ... 2^32 - 1):
    /// MT19937's `init_genrand`.
    public init(seed: UInt32) {
        key = Self.initialKey(seed)
        position = Self.stateLength
    }

    /// `np.random.RandomState([k0, k1, ...])` for an array seed: MT19937's `init_by_array`.
    public init(seedArray: [UInt32]) {
        precondition(!seedArray.isEmpty, "NumpyLegacyRandom: the seed array must be non-empty (as numpy requires)")
        let n = Self.stateLength
        var mt = Self.initialKey(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(n, seedArray.count) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ seedArray[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1; j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= seedArray.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000  // most significant bit set: a non-zero initial state
        key = mt
        position = n
    }

    /// `init_genrand`: the key MT19937 starts from for a 32-bit seed.
    private static func initialKey(_ seed: UInt32) -> [UInt32] {
        var key = [UInt32](repeating: 0, count: stateLength)
        var s = seed
        for i in 0..<stateLength {
            key[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
        }
        return key
    }

    /// Regenerates the 624 words of state (MT19937's "twist").
    private mutating func twist() {
        let n = Self.stateLength, m = Self.shift
        for i in 0..<n {
            let y = (key[i] & Self.upperMask) | (key[(i + 1) % n] & Self.lowerMask)
            key[i] = key[(i + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : Self.matrixA)
        }
        position = 0
    }

    /// The next raw 32-bit output (numpy's `next_uint32`; `RandomState(s)._bit_generator.random_raw()`).
    public mutating func nextUInt32() -> UInt32 {
        if position == Self.stateLength { twist() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// The next 64-bit output: two 32-bit outputs, the first in the high half (numpy's `next_uint64`).
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// A uniform double in [0, 1) with 53 random bits (legacy `random_sample`).
    public mutating func randomSample() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A uniform integer in `0...max` by masked rejection sampling, as numpy's `random_interval`
    /// and legacy `randint` draw it: take the smallest all-ones mask covering `max`, draw masked
    /// values (32-bit draws while `max` fits in 32 bits, 64-bit draws beyond) until one is `<= max`.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        if max <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= max { return value }
            }
        }
        while true {
            let value = nextUInt64() & mask
            if value <= max { return value }
        }
    }

    /// One draw of legacy `randint(low, high)` (high exclusive) with numpy's default 64-bit integer type.
    public mutating func randint(_ low: Int, _ high: Int) -> Int {
        precondition(low < high, "randint: low (\(low)) must be below high (\(high))")
        let range = UInt64(bitPattern: Int64(high) &- Int64(low) &- 1)
        // A full 32-bit range takes one raw output unmasked; the masked path gives the same value.
        return Int(truncatingIfNeeded: UInt64(bitPattern: Int64(low)) &+ interval(range))
    }

    /// Legacy `shuffle` of a one-dimensional sequence: Fisher-Yates from the last element down,
    /// swapping element `i` with `interval(i)`.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, through: 1, by: -1) {
            let j = Int(interval(UInt64(i)))
            values.swapAt(i, j)
        }
    }

    /// Legacy `permutation(n)`: `0..<n` shuffled.
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation: negative length \(n)")
        var values = Array(0..<n)
        shuffle(&values)
        return values
    }

    /// Legacy `choice(n, size, replace=False)` with uniform probabilities: the first `size`
    /// entries of `permutation(n)`, in that order.
    public mutating func choiceWithoutReplacement(from n: Int, size: Int) -> [Int] {
        precondition(size >= 0 && size <= n, "choice: cannot take \(size) of \(n) without replacement")
        return Array(permutation(n).prefix(size))
    }
}
