import Foundation
import Testing
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Scheduler: a shard prepared with another recipe is another dataset")
struct SchedulerRecipeTests {
    static let sweepRecipe = String(repeating: "a", count: 64)
    static let otherRecipe = String(repeating: "b", count: 64)

    func recipeShard(_ recipe: String?) -> ShardDescriptor {
        var descriptor = shard()
        descriptor.recipeSHA256 = recipe
        return descriptor
    }

    func recipeSweep() -> SweepSubmission {
        var sweep = makeSweep(count: 2)
        for i in sweep.tasks.indices { sweep.tasks[i].shard.recipeSHA256 = Self.sweepRecipe }
        return sweep
    }

    @Test("A worker whose shard has another recipe is never assigned the tasks; the status says why they wait")
    func otherRecipeWaits() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(recipeSweep(), now: 0)
        let actions = try scheduler.connect(WorkerID("other"), shards: [recipeShard(Self.otherRecipe)])
        #expect(actions.assignments.isEmpty)
        let blocked = try #require(scheduler.status(sweepID: "s1").first?.blocked.first)
        #expect(blocked.count == 2)
        #expect(blocked.reason.contains("prepared with the sweep's recipe \(Self.sweepRecipe.prefix(12))"), "\(blocked.reason)")
        // A worker with the sweep's recipe takes them, and the assignment carries the recipe.
        let assigned = try scheduler.connect(WorkerID("right"), shards: [recipeShard(Self.sweepRecipe)]).assignments
        #expect(assigned.map(\.worker) == [WorkerID("right"), WorkerID("right")])
        #expect(assigned.allSatisfy { $0.assignment.task.shard.recipeSHA256 == Self.sweepRecipe })
    }

    @Test("A shard that names no recipe (an older worker) still serves a sweep that names one")
    func unknownRecipeServes() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(recipeSweep(), now: 0)
        #expect(try scheduler.connect(WorkerID("old"), shards: [recipeShard(nil)]).assignments.count == 2)
    }
}
