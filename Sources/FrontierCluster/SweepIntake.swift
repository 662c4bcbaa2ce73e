import FrontierCoordinator
import FrontierPareto
import FrontierProtocol
import FrontierSweep

/// Turns a `SweepSubmit` into what the scheduler stores, refusing anything that
/// could not run: an unknown format, a spec breaking the limits or the job kinds'
/// rules, an unknown dataset, or tasks whose assignments would not fit the wire.
struct SweepIntake {
    let registry: JobKindRegistry
    let datasets: any DatasetResolver
    let limits: SpecLimits
    let protocolLimits: ProtocolLimits

    /// The submission of `submit` under `sweepID` (a function of the parsed name).
    ///
    /// - Throws: `SweepSpecError` naming the field.
    func submission(of submit: SweepSubmit, sweepID: (String) -> String) throws -> SweepSubmission {
        // JSON is read by the YAML parser (a JSON document is a YAML flow mapping).
        _ = try SweepSpecFormat(wireName: submit.specFormat)
        let plan = try SweepSpec.parse(yaml: submit.spec, registry: registry, datasets: datasets, limits: limits)
        let id = sweepID(plan.name)
        let tasks = plan.tasks(sweepID: id)
        try checkWireFit(tasks)
        return SweepSubmission(sweepID: id, name: plan.name, spec: submit.spec, objectives: plan.objectives,
                               referencePoint: plan.referencePoint, maxAttempts: plan.maxAttempts, tasks: tasks)
    }

    /// Every task's assignment must pass the protocol's own checks (identifier lengths,
    /// finite parameters), or the sweep would be accepted and never run; and every front row
    /// the tasks make must have a key within the identifier limit, or the front updates the
    /// coordinator publishes would be refused by every `tail` and worker that checks them.
    private func checkWireFit(_ tasks: [TaskSpec]) throws {
        let validator = EnvelopeValidator(limits: protocolLimits)
        var checked: Set<String> = []
        for task in tasks {
            let rowKey = FrontMessages.rowKey(FrontRowKey(dataset: task.shard.dataset, label: task.label,
                                                          parameters: task.parameters))
            if rowKey.utf8.count > protocolLimits.maxIdentifierBytes {
                throw SweepSpecError(path: "", "its task \(task.index)'s front row key '\(rowKey.prefix(80))...' is "
                    + "\(rowKey.utf8.count) bytes, over the protocol's \(protocolLimits.maxIdentifierBytes) (the dataset, "
                    + "the job's label and its parameters' names and values): use shorter names")
            }
            // Tasks of one job and shard differ only in seed and parameters' values: check each shape once.
            let shape = "\(task.jobKind)|\(task.shard.description)|\(task.parameters.keys.sorted())"
            guard checked.insert(shape).inserted else { continue }
            do {
                try validator.validate(.taskAssign(TaskAssign(task, attempt: 1, leaseMilliseconds: 1)))
            } catch {
                throw SweepSpecError(path: "", "its task \(task.index) cannot be sent to a worker: \(error)")
            }
        }
    }
}
