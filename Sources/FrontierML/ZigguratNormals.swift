import Foundation

extension SeededGenerator {
    /// Fills `values` with standard normal draws by the ziggurat method (Marsaglia and Tsang,
    /// 2000, with 256 layers, the layout of numpy's `standard_normal`), sized for Float: each
    /// 32-bit half of a random word is one draw (8 bits pick the layer, 1 the sign, 23 the
    /// magnitude, a Float's precision). About 99% of draws are a lookup and a multiply, several
    /// times cheaper than `nextNormal`'s Box-Muller, for the explainers that draw hundreds of
    /// thousands of perturbations per row. Deterministic for the generator's state like every
    /// draw; the values differ from `nextNormal`'s, which the rest of Frontier keeps using.
    public mutating func fillNormals(_ values: UnsafeMutableBufferPointer<Float>) {
        let t = Ziggurat.tables
        t.k.withUnsafeBufferPointer { k in
            t.w.withUnsafeBufferPointer { w in
                var i = values.startIndex
                var word: UInt64 = 0
                while i < values.endIndex {
                    // Two draws per word: the low half, then the high half.
                    let half: UInt32
                    if (i - values.startIndex) & 1 == 0 {
                        word = next()
                        half = UInt32(truncatingIfNeeded: word)
                    } else {
                        half = UInt32(truncatingIfNeeded: word >> 32)
                    }
                    let layer = Int(half & 0xFF), magnitude = half >> 9
                    if magnitude < k[layer] {
                        let x = Float(magnitude) * w[layer]
                        values[i] = half & 0x100 != 0 ? -x : x
                    } else {
                        values[i] = zigguratEdge(layer: layer, negative: half & 0x100 != 0, magnitude: magnitude, t)
                    }
                    i += 1
                }
            }
        }
    }

    /// `count` standard normal draws by the ziggurat method (see `fillNormals`).
    public mutating func zigguratNormals(_ count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { fillNormals($0) }
        return out
    }

    /// A draw that fell outside its layer's rectangle: the tail beyond r (Marsaglia's exponential
    /// rejection) for the base layer, else the wedge test against the density, drawing anew on rejection.
    private mutating func zigguratEdge(layer: Int, negative: Bool, magnitude: UInt32, _ t: Ziggurat) -> Float {
        var (layer, negative, magnitude) = (layer, negative, magnitude)
        while true {
            var x = Double(magnitude) * Double(t.w[layer])
            if negative { x = -x }
            if magnitude < t.k[layer] { return Float(x) }
            if layer == 0 {
                while true {
                    let xx = -Ziggurat.inverseR * log1p(-nextUniform())
                    let yy = -log1p(-nextUniform())
                    if yy + yy > xx * xx { return Float(negative ? -(Ziggurat.r + xx) : Ziggurat.r + xx) }
                }
            }
            if (t.f[layer - 1] - t.f[layer]) * nextUniform() + t.f[layer] < exp(-0.5 * x * x) { return Float(x) }
            let half = UInt32(truncatingIfNeeded: next())
            (layer, negative, magnitude) = (Int(half & 0xFF), half & 0x100 != 0, half >> 9)
        }
    }
}

/// The ziggurat's layer tables for the standard normal density `exp(-x^2 / 2)` and 23-bit
/// magnitudes, built once by Marsaglia and Tsang's recurrence (256 layers of equal area,
/// the base layer's edge at `r`).
struct Ziggurat: Sendable {
    static let r = 3.6541528853610088
    static let inverseR = 1 / r
    static let area = 4.92867323399e-3
    static let tables = Ziggurat()

    /// Per layer: the magnitude below which a draw lies inside the rectangle, the scale from a
    /// 23-bit magnitude to x, and the density at the layer's edge.
    let k: [UInt32]
    let w: [Float]
    let f: [Double]

    private init() {
        let scale = 0x1.0p23
        var k = [UInt32](repeating: 0, count: 256), w = [Float](repeating: 0, count: 256), f = [Double](repeating: 0, count: 256)
        var dn = Self.r, tn = dn
        let q = Self.area / exp(-0.5 * dn * dn)
        k[0] = UInt32((dn / q) * scale)
        k[1] = 0
        w[0] = Float(q / scale)
        w[255] = Float(dn / scale)
        f[0] = 1
        f[255] = exp(-0.5 * dn * dn)
        for i in stride(from: 254, through: 1, by: -1) {
            dn = (-2 * log(Self.area / dn + exp(-0.5 * dn * dn))).squareRoot()
            k[i + 1] = UInt32((dn / tn) * scale)
            tn = dn
            f[i] = exp(-0.5 * dn * dn)
            w[i] = Float(dn / scale)
        }
        (self.k, self.w, self.f) = (k, w, f)
    }
}
