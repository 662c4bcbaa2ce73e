import Foundation
import Testing
import FrontierML
@testable import FrontierExplain

/// The PPO loss of a small FEX explainer as a function of its parameters: 5 features in 3
/// groups, a tanh network with two heads (a 2-output model), 4 rows explaining outputs
/// 0, 1, 1, 0, with 3 masks each drawn from logits near the current ones.
struct SmallExplainer {
    var policy: FEXPolicy
    let rows: Matrix
    let outputs = [0, 1, 1, 0]
    let oldLogits: Matrix
    let masks: Matrix
    let advantages: [Float]

    init(drift: Float, zeroAdvantages: Bool = false) {
        var g = SeededGenerator(seed: 21)
        let groups = try! FeatureGroups(names: ["a", "b", "c"], members: [[0, 3], [1], [2, 4]], featureCount: 5)
        let network = MLP(MLPArchitecture(inputWidth: 5, hiddenWidths: [6], outputWidth: 6, hiddenActivation: .tanh), generator: &g)
        policy = try! FEXPolicy(network: network, groups: groups, outputCount: 2)
        rows = randomMatrix(4, 5, &g)
        let logits = policy.logits(rows, outputs: outputs)
        oldLogits = Matrix(rows: 4, cols: 3, scalars: zip(logits.scalars, g.normals(12, std: drift)).map { $0 + $1 })
        var masks = Matrix(rows: 12, cols: 3)
        for s in 0..<12 {
            FactorisedBernoulli.sample(logits: oldLogits.row(s / 3), into: &masks.scalars[(s * 3)..<(s * 3 + 3)], generator: &g)
        }
        self.masks = masks
        advantages = zeroAdvantages ? [Float](repeating: 0, count: 12) : g.normals(12)
    }

    func loss(_ ppo: ProximalPolicyLoss, parameters: [Float]) -> ProximalPolicyLoss.Evaluation {
        let network = MLP(policy.network.architecture, parameters: parameters)
        let logits = policy.headLogits(network(rows), outputs: outputs)
        return ppo.evaluate(logits: logits, oldLogits: oldLogits, actions: masks, advantages: advantages)
    }

    /// The largest gap between the back-propagated parameter gradient and central differences,
    /// relative to the gradient's largest entry.
    func check(_ ppo: ProximalPolicyLoss) -> Double {
        let tape = policy.network.forward(rows)
        let evaluation = ppo.evaluate(logits: policy.headLogits(tape.output, outputs: outputs), oldLogits: oldLogits,
                                      actions: masks, advantages: advantages)
        var analytic = [Float]()
        policy.network.backward(tape, outputGradient: policy.outputGradient(evaluation.gradient, outputs: outputs), into: &analytic)
        let numeric = numericalGradient(policy.network.parameters, epsilon: 1e-2) { loss(ppo, parameters: $0).value }
        let scale = max(1e-3, analytic.map { abs(Double($0)) }.max()!)
        return maxAbsDifference(analytic, numeric) / scale
    }
}

@Suite("FEX explainer gradients")
struct FEXGradientTests {
    @Test("Policy-gradient term, through the explainer's heads and backward pass, matches finite differences")
    func surrogate() {
        let problem = SmallExplainer(drift: 0.01)
        let e = problem.loss(ProximalPolicyLoss(clipRange: 0.2), parameters: problem.policy.network.parameters)
        #expect(e.clippedFraction == 0 && e.surrogate != 0)
        #expect(problem.check(ProximalPolicyLoss(clipRange: 0.2)) < 2e-3)
    }

    @Test("Clip term: with some ratios clipped the gradient still matches finite differences")
    func clip() {
        let problem = SmallExplainer(drift: 0.8)
        let e = problem.loss(ProximalPolicyLoss(clipRange: 0.2), parameters: problem.policy.network.parameters)
        #expect(e.clippedFraction > 0 && e.clippedFraction < 1, "clipped \(e.clippedFraction)")
        #expect(problem.check(ProximalPolicyLoss(clipRange: 0.2)) < 2e-3)
    }

    @Test("Entropy term matches finite differences")
    func entropy() {
        let problem = SmallExplainer(drift: 0.3, zeroAdvantages: true)
        #expect(problem.check(ProximalPolicyLoss(clipRange: 0.2, entropyCoefficient: 1)) < 2e-3)
    }

    @Test("KL term matches finite differences")
    func kl() {
        let problem = SmallExplainer(drift: 0.5, zeroAdvantages: true)
        #expect(problem.loss(ProximalPolicyLoss(klCoefficient: 1), parameters: problem.policy.network.parameters).kl > 0.01)
        #expect(problem.check(ProximalPolicyLoss(clipRange: 0.2, klCoefficient: 1)) < 2e-3)
    }

    @Test("The gradient reaches only the heads the rows explain")
    func headsRouting() {
        let problem = SmallExplainer(drift: 0.3)
        let gradient = Matrix(rows: 4, cols: 3, scalars: (1...12).map(Float.init))
        let routed = problem.policy.outputGradient(gradient, outputs: problem.outputs)
        #expect(Array(routed.row(0)) == [1, 2, 3, 0, 0, 0])
        #expect(Array(routed.row(1)) == [0, 0, 0, 4, 5, 6])
        let full = problem.policy.network(problem.rows)
        #expect(Array(problem.policy.headLogits(full, outputs: problem.outputs).row(2)) == Array(full.row(2)[(2 * 6 + 3)...]))
    }
}
