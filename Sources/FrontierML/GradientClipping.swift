/// Clipping of a gradient's global norm (Pascanu et al., 2013), as PPO implementations
/// apply before each optimiser step (`max_grad_norm`).
public enum GradientClipping {
    /// Scales `gradient` down so its Euclidean norm is at most `maxNorm`; returns the norm it had.
    @discardableResult
    public static func clipNorm(_ gradient: inout [Float], to maxNorm: Float) -> Float {
        var sum = 0.0
        for v in gradient { sum += Double(v) * Double(v) }
        let norm = Float(sum.squareRoot())
        if norm > maxNorm, norm > 0 {
            let scale = maxNorm / norm
            for i in gradient.indices { gradient[i] *= scale }
        }
        return norm
    }
}
