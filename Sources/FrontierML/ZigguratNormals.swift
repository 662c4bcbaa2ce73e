import Foundation

extension SeededGenerator {
    /// Fills `values` with standard normal draws by the ziggurat method (Marsaglia and Tsang,
    /// 2000, with 256 layers and a 64-bit draw per value, as numpy's `standard_normal`): about
    /// 99% of draws take one random word, a table lookup and a multiply, several times faster
    /// than `nextNormal`'s Box-Muller, for the explainers that draw hundreds of thousands of
    /// perturbations per row. Deterministic for the generator's state like every draw; the
    /// values differ from `nextNormal`'s, which the rest of Frontier keeps using.
    public mutating func fillNormals(_ values: UnsafeMutableBufferPointer<Float>) {
        let t = Ziggurat.tables
        for i in values.indices { values[i] = Float(zigguratNormal(t)) }
    }

    /// `count` standard normal draws by the ziggurat method (see `fillNormals`).
    public mutating func zigguratNormals(_ count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { fillNormals($0) }
        return out
    }

    @inline(__always)
    private mutating func zigguratNormal(_ t: Ziggurat) -> Double {
        while true {
            var r = next()
            let layer = Int(r & 0xFF)
            r >>= 8
            let negative = r & 1 == 1
            let magnitude = (r >> 1) & 0x000F_FFFF_FFFF_FFFF
            var x = Double(magnitude) * t.w[layer]
            if negative { x = -x }
            if magnitude < t.k[layer] { return x }  // inside the layer's rectangle
            if layer == 0 {
                // The tail beyond r: Marsaglia's exponential rejection.
                while true {
                    let xx = -Ziggurat.inverseR * log1p(-nextUniform())
                    let yy = -log1p(-nextUniform())
                    if yy + yy > xx * xx { return negative ? -(Ziggurat.r + xx) : Ziggurat.r + xx }
                }
            }
            // The wedge between the rectangle and the curve.
            if (t.f[layer - 1] - t.f[layer]) * nextUniform() + t.f[layer] < exp(-0.5 * x * x) { return x }
        }
    }
}

/// The ziggurat's layer tables for the standard normal density `exp(-x^2 / 2)`, built once
/// by Marsaglia and Tsang's recurrence (256 layers of equal area `v`, the base layer's edge at `r`).
struct Ziggurat: Sendable {
    static let r = 3.6541528853610088
    static let inverseR = 1 / r
    static let area = 4.92867323399e-3
    static let tables = Ziggurat()

    /// Per layer: the magnitude below which a draw lies inside the rectangle, the scale from a
    /// 52-bit magnitude to x, and the density at the layer's edge.
    let k: [UInt64]
    let w: [Double]
    let f: [Double]

    private init() {
        let scale = 0x1.0p52
        var k = [UInt64](repeating: 0, count: 256), w = [Double](repeating: 0, count: 256), f = [Double](repeating: 0, count: 256)
        var dn = Self.r, tn = dn
        let q = Self.area / exp(-0.5 * dn * dn)
        k[0] = UInt64((dn / q) * scale)
        k[1] = 0
        w[0] = q / scale
        w[255] = dn / scale
        f[0] = 1
        f[255] = exp(-0.5 * dn * dn)
        for i in stride(from: 254, through: 1, by: -1) {
            dn = (-2 * log(Self.area / dn + exp(-0.5 * dn * dn))).squareRoot()
            k[i + 1] = UInt64((dn / tn) * scale)
            tn = dn
            f[i] = exp(-0.5 * dn * dn)
            w[i] = dn / scale
        }
        (self.k, self.w, self.f) = (k, w, f)
    }
}
