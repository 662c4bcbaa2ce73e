import Foundation
import Testing
@testable import FrontierML

/// Two quadratic objectives `L_j(x) = |x - c_j|^2` in the plane: their Pareto set is the
/// segment between the centres, and the point of it where `r1 L1 = r2 L2` is known exactly.
private struct QuadraticPair {
    let c1: [Double] = [0, 0], c2: [Double] = [3, 1]

    func losses(_ x: [Double]) -> (Double, Double) {
        (zip(x, c1).map { ($0 - $1) * ($0 - $1) }.reduce(0, +), zip(x, c2).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
    }

    func gradients(_ x: [Double]) -> ([Float], [Float]) {
        (zip(x, c1).map { Float(2 * ($0 - $1)) }, zip(x, c2).map { Float(2 * ($0 - $1)) })
    }

    /// Distance of `x` from the segment between the centres (0 exactly on the Pareto set).
    func distanceFromParetoSet(_ x: [Double]) -> Double {
        let d = zip(c2, c1).map { $0 - $1 }, v = zip(x, c1).map { $0 - $1 }
        let t = min(1, max(0, zip(v, d).map { $0 * $1 }.reduce(0, +) / d.map { $0 * $0 }.reduce(0, +)))
        return zip(v, d).map { $0 - t * $1 }.map { $0 * $0 }.reduce(0, +).squareRoot()
    }

    /// Plain gradient descent along `w g1 + (1 - w) g2`, with `w` from `rule`.
    func descend(from start: [Double], steps: Int = 4000, rate: Double = 0.01,
                 rule: ((Double, Double), GradientGram) -> Double) -> [Double] {
        var x = start
        for _ in 0..<steps {
            let (g1, g2) = gradients(x)
            let w = rule(losses(x), GradientGram(g1, g2))
            for i in x.indices { x[i] -= rate * (w * Double(g1[i]) + (1 - w) * Double(g2[i])) }
        }
        return x
    }
}

@Suite("Two-objective descent rules: MGDA's minimum-norm weight and EPO's preference steering")
struct TwoObjectiveDescentTests {
    @Test("The minimum-norm weight matches a fine grid search and lowers both objectives")
    func minimumNorm() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let a = g.normals(6), b = g.normals(6, mean: 0.3, std: 2)
            let gram = GradientGram(a, b)
            let w = MinimumNormCombination.weight(gram)
            let best = stride(from: 0.0, through: 1.0, by: 1e-4).min { gram.squaredNorm(weight: $0) < gram.squaredNorm(weight: $1) }!
            #expect(gram.squaredNorm(weight: w) <= gram.squaredNorm(weight: best) + 1e-9)
            // g_j . d >= |d|^2 for both gradients: d lowers both losses unless it is zero.
            let (r1, r2) = gram.rates(weight: w)
            let norm = gram.squaredNorm(weight: w)
            #expect(r1 >= norm - 1e-9 && r2 >= norm - 1e-9)
        }
        // Opposed gradients of equal length cancel at 1/2: a Pareto-stationary point.
        let opposed = GradientGram([1, 2], [-1, -2])
        #expect(MinimumNormCombination.weight(opposed) == 0.5 && opposed.squaredNorm(weight: 0.5) == 0)
        #expect(MinimumNormCombination.weight(GradientGram([1, 1], [1, 1])) == 0.5)
        // A gradient inside the other's half-space and shorter is the minimum-norm element itself.
        #expect(MinimumNormCombination.weight(GradientGram([4, 0], [1, 0.5])) == 0)
    }

    @Test("MGDA descends onto the Pareto set from outside it")
    func mgdaReachesParetoSet() {
        let pair = QuadraticPair()
        for start in [[5.0, -4.0], [-3, 3], [1, 6]] {
            let x = pair.descend(from: start) { _, gram in MinimumNormCombination.weight(gram) }
            #expect(pair.distanceFromParetoSet(x) < 1e-3, "ended at \(x)")
        }
    }

    @Test("EPO ends at the Pareto point on the preference ray, wherever it starts", arguments: [0.1, 0.3, 0.5, 0.8])
    func epoReachesRay(ray: Double) {
        let pair = QuadraticPair()
        let epo = ExactParetoDescent(preference: ray, 1 - ray)
        for start in [[5.0, -4.0], [0.1, 0.1], [2.9, 1.2], [-2, 5]] {
            let x = pair.descend(from: start) { l, gram in epo.step(losses: l.0, l.1, gram: gram).weight }
            let (l1, l2) = pair.losses(x)
            #expect(pair.distanceFromParetoSet(x) < 1e-3, "ray \(ray) from \(start): ended at \(x)")
            // Descent takes over once KL(l_hat || uniform) < 1e-4, i.e. within about sqrt(2e-4) = 1.4% of the ray.
            #expect(abs(ray * l1 - (1 - ray) * l2) < 2e-2 * (ray * l1 + (1 - ray) * l2),
                    "ray \(ray) from \(start): r1 l1 = \(ray * l1), r2 l2 = \((1 - ray) * l2)")
            #expect(epo.nonUniformity(l1, l2) < 2e-4)
        }
    }

    @Test("STCH with a small smoothing ends at the Pareto point on the ray", arguments: [0.1, 0.3, 0.5, 0.8])
    func stchReachesRay(ray: Double) {
        let pair = QuadraticPair()
        // Smoothing and step small against the losses (a few units here): a step much larger than
        // the smoothing only flips the weight between 0 and 1 and zigzags across the ray.
        let stch = SmoothTchebycheff(preference: ray, 1 - ray, smoothing: 1e-2)
        for start in [[5.0, -4.0], [0.1, 0.1], [2.9, 1.2], [-2, 5]] {
            let x = pair.descend(from: start, steps: 40000, rate: 1e-3) { l, _ in stch.weight(losses: l.0, l.1) }
            let (l1, l2) = pair.losses(x)
            #expect(pair.distanceFromParetoSet(x) < 1e-3, "ray \(ray) from \(start): ended at \(x)")
            #expect(abs(ray * l1 - (1 - ray) * l2) < 2e-2 * (ray * l1 + (1 - ray) * l2),
                    "ray \(ray) from \(start): r1 l1 = \(ray * l1), r2 l2 = \((1 - ray) * l2)")
        }
    }

    @Test("STCH's weight: the loss above the ray dominates, a large smoothing gives the weighted sum, no overflow")
    func stchWeight() {
        let sharp = SmoothTchebycheff(preference: 0.5, 0.5, smoothing: 1e-3)
        #expect(sharp.weight(losses: 2, 1) > 0.999 && sharp.weight(losses: 1, 2) < 0.001)
        #expect(abs(sharp.weight(losses: 1, 1) - 0.5) < 1e-12)
        // mu -> infinity: softmax -> 1/2 each, so the direction is r1 g1 + r2 g2, w = r1 / (r1 + r2).
        #expect(abs(SmoothTchebycheff(preference: 0.2, 0.8, smoothing: 1e6).weight(losses: 3, 1) - 0.2) < 1e-5)
        // Losses a million smoothings apart: the weight is 0 or 1, never NaN.
        #expect(sharp.weight(losses: 0, 2000) < 1e-300 && sharp.weight(losses: 2000, 0) == 1)
        // The value lies between max(r l) and max(r l) + mu log 2.
        let v = sharp.value(2, 1)
        #expect(v >= 1 && v <= 1 + 1e-3 * Foundation.log(2) + 1e-12)
    }

    @Test("Off the ray EPO balances; on it, it descends")
    func modes() {
        let epo = ExactParetoDescent(preference: 0.5, 0.5)
        let gram = GradientGram([1, 0], [0, 1])
        #expect(epo.step(losses: 1, 5, gram: gram).mode == .balance)
        // The second loss is too large for the ray: the step is all its gradient.
        #expect(epo.step(losses: 1, 5, gram: gram).weight == 0)
        #expect(epo.step(losses: 2, 2, gram: gram).mode == .descent)
        #expect(epo.nonUniformity(2, 2) == 0 && epo.nonUniformity(1, 5) > 0)
    }

    @Test("The two-variable linear programme matches a grid search over the simplex")
    func linearProgramme() {
        var g = SeededGenerator(seed: 9)
        var feasibleCount = 0
        for _ in 0..<300 {
            let c = (g.nextNormal(), g.nextNormal())
            let constraints = (0..<2).map { _ in ((g.nextNormal(), g.nextNormal()), g.nextNormal() - 0.5) }
            let feasible = stride(from: 0.0, through: 1.0, by: 1e-4).filter { w in
                constraints.allSatisfy { $0.0.0 * w + $0.0.1 * (1 - w) >= $0.1 }
            }
            let w = ExactParetoDescent.maximise(c, subjectTo: constraints, tieBreak: 0.5)
            guard let bestOnGrid = feasible.max(by: { c.0 * $0 + c.1 * (1 - $0) < c.0 * $1 + c.1 * (1 - $1) }) else {
                #expect(w == nil || constraints.allSatisfy { $0.0.0 * w! + $0.0.1 * (1 - w!) >= $0.1 - 1e-9 })
                continue
            }
            feasibleCount += 1
            let value = { (w: Double) in c.0 * w + c.1 * (1 - w) }
            #expect(w != nil)
            if let w { #expect(value(w) >= value(bestOnGrid) - 1e-3 * (abs(c.0) + abs(c.1))) }
        }
        #expect(feasibleCount > 100)
    }
}
