import Foundation
import Testing
@testable import FrontierML

/// A small PPO problem: 3 rows (states) of 4 coins, 5 sampled actions each.
struct PolicyProblem {
    var logits: Matrix
    var oldLogits: Matrix
    var actions: Matrix
    var advantages: [Float]

    init(seed: UInt64, drift: Float, advantages zero: Bool = false) {
        var g = SeededGenerator(seed: seed)
        oldLogits = randomMatrix(3, 4, &g)
        logits = Matrix(rows: 3, cols: 4, scalars: zip(oldLogits.scalars, g.normals(12, std: drift)).map { $0 + $1 })
        actions = Matrix(rows: 15, cols: 4)
        for s in 0..<15 {
            let start = s * 4
            FactorisedBernoulli.sample(logits: oldLogits.row(s / 5), into: &actions.scalars[start..<(start + 4)], generator: &g)
        }
        advantages = zero ? [Float](repeating: 0, count: 15) : g.normals(15)
    }

    /// The probability ratio of every action.
    var ratios: [Double] {
        (0..<actions.rows).map { s in
            Foundation.exp(FactorisedBernoulli.logProbability(of: actions.row(s), logits: logits.row(s / 5))
                           - FactorisedBernoulli.logProbability(of: actions.row(s), logits: oldLogits.row(s / 5)))
        }
    }

    func check(_ loss: ProximalPolicyLoss) -> Double {
        let analytic = loss.evaluate(logits: logits, oldLogits: oldLogits, actions: actions, advantages: advantages).gradient
        var z = logits.scalars
        let numeric = numericalGradient(&z, epsilon: 1e-3) { values in
            loss.evaluate(logits: Matrix(rows: 3, cols: 4, scalars: values), oldLogits: oldLogits, actions: actions,
                          advantages: advantages).value
        }
        return zip(analytic.scalars, numeric).map { abs(Double($0) - $1) }.max()!
    }
}

@Suite("PPO loss for factorised Bernoulli policies")
struct ProximalPolicyLossTests {
    @Test("Log-probabilities sum to one; entropy and KL match their definitions by enumeration")
    func bernoulliQuantities() {
        var g = SeededGenerator(seed: 1)
        let z = g.normals(5, std: 2)[...], w = g.normals(5, std: 2)[...]
        var total = 0.0, entropy = 0.0, kl = 0.0
        for code in 0..<32 {
            let m = (0..<5).map { Float((code >> $0) & 1) }[...]
            let p = Foundation.exp(FactorisedBernoulli.logProbability(of: m, logits: z))
            let q = Foundation.exp(FactorisedBernoulli.logProbability(of: m, logits: w))
            total += p
            entropy -= p * Foundation.log(p)
            kl += p * Foundation.log(p / q)
        }
        #expect(abs(total - 1) < 1e-12)
        #expect(abs(FactorisedBernoulli.entropy(logits: z) - entropy) < 1e-10)
        #expect(abs(FactorisedBernoulli.klDivergence(from: z, to: w) - kl) < 1e-10)
        #expect(FactorisedBernoulli.klDivergence(from: z, to: z) == 0)
        // Extreme logits stay finite.
        #expect(FactorisedBernoulli.logProbability(of: [1, 0], logits: [-200, 200]).isFinite)
        #expect(FactorisedBernoulli.entropy(logits: [-200, 200]) >= 0)
    }

    @Test("Policy-gradient term: the closed-form gradient matches finite differences while no ratio is clipped")
    func surrogateGradient() {
        let problem = PolicyProblem(seed: 2, drift: 0.02)
        #expect(problem.ratios.allSatisfy { abs($0 - 1) < 0.15 })
        let loss = ProximalPolicyLoss(clipRange: 0.2)
        #expect(loss.evaluate(logits: problem.logits, oldLogits: problem.oldLogits, actions: problem.actions,
                              advantages: problem.advantages).clippedFraction == 0)
        #expect(problem.check(loss) < 1e-4)
    }

    @Test("Clip term: clipped samples carry no gradient, the rest still match finite differences")
    func clippedGradient() {
        let problem = PolicyProblem(seed: 3, drift: 0.6)
        let ratios = problem.ratios
        // No ratio sits on a kink, where the loss has no derivative.
        #expect(ratios.allSatisfy { abs($0 - 0.8) > 0.01 && abs($0 - 1.2) > 0.01 })
        let loss = ProximalPolicyLoss(clipRange: 0.2)
        let e = loss.evaluate(logits: problem.logits, oldLogits: problem.oldLogits, actions: problem.actions,
                              advantages: problem.advantages)
        #expect(e.clippedFraction > 0.2 && e.clippedFraction < 0.9, "clipped \(e.clippedFraction)")
        #expect(problem.check(loss) < 1e-4)
        // The unclipped objective (eps large) has another gradient: the clip did act.
        let wide = ProximalPolicyLoss(clipRange: 1e6).evaluate(logits: problem.logits, oldLogits: problem.oldLogits,
                                                               actions: problem.actions, advantages: problem.advantages)
        #expect(maxAbsDifference(wide.gradient.scalars, e.gradient.scalars) > 1e-2)
        // The clipped loss is the pessimistic bound: never below the unclipped one.
        #expect(e.surrogate >= wide.surrogate - 1e-12)
    }

    @Test("Entropy term: with zero advantages the loss is -beta_H H, and its gradient matches finite differences")
    func entropyGradient() {
        let problem = PolicyProblem(seed: 4, drift: 0.5, advantages: true)
        let loss = ProximalPolicyLoss(clipRange: 0.2, entropyCoefficient: 1)
        let e = loss.evaluate(logits: problem.logits, oldLogits: problem.oldLogits, actions: problem.actions,
                              advantages: problem.advantages)
        let mean = (0..<3).map { FactorisedBernoulli.entropy(logits: problem.logits.row($0)) }.reduce(0, +) / 3
        #expect(abs(e.value + mean) < 1e-12)
        #expect(problem.check(loss) < 1e-4)
    }

    @Test("KL term: with zero advantages the loss is beta_KL KL(old || new), gradient sigmoid(z) - sigmoid(z_old)")
    func klGradient() {
        let problem = PolicyProblem(seed: 5, drift: 0.5, advantages: true)
        let loss = ProximalPolicyLoss(clipRange: 0.2, klCoefficient: 1)
        let e = loss.evaluate(logits: problem.logits, oldLogits: problem.oldLogits, actions: problem.actions,
                              advantages: problem.advantages)
        #expect(e.value > 0 && abs(e.value - e.kl) < 1e-12)
        #expect(problem.check(loss) < 1e-4)
        let same = loss.evaluate(logits: problem.oldLogits, oldLogits: problem.oldLogits, actions: problem.actions,
                                 advantages: problem.advantages)
        #expect(same.value == 0 && same.gradient.scalars.allSatisfy { $0 == 0 })
    }

    @Test("All terms together match finite differences")
    func combinedGradient() {
        let problem = PolicyProblem(seed: 6, drift: 0.4)
        #expect(problem.check(ProximalPolicyLoss(clipRange: 0.2, entropyCoefficient: 0.05, klCoefficient: 0.3)) < 1e-4)
    }

    @Test("Advantages are centred per state and normalised; gradient clipping bounds the norm")
    func advantagesAndClipping() {
        let a = PolicyAdvantages.centred([1, 2, 3, 10, 10, 10], groupSize: 3)
        #expect(a == [-1, 0, 1, 0, 0, 0])
        let n = PolicyAdvantages.normalised([1, 3])
        #expect(abs(n[0] + 1) < 1e-6 && abs(n[1] - 1) < 1e-6)
        var gradient: [Float] = [3, 4]
        #expect(GradientClipping.clipNorm(&gradient, to: 1) == 5)
        #expect(abs(gradient[0] - 0.6) < 1e-6 && abs(gradient[1] - 0.8) < 1e-6)
        var small: [Float] = [0.3, 0.4]
        GradientClipping.clipNorm(&small, to: 1)
        #expect(small == [0.3, 0.4])
    }
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Double {
    zip(a, b).map { abs(Double($0) - Double($1)) }.max() ?? 0
}
