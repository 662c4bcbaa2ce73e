import Foundation
import Testing
import FrontierCoordinator
import FrontierProtocol
import FrontierSettings
import FrontierSweep
@testable import FrontierCluster

/// A dataset catalogue that knows only `toy`.
private struct ToyDatasets: DatasetResolver {
    func resolve(_ value: SettingValue, at path: String) throws(SettingsError) -> SweepDataset {
        guard value == .string("toy") else { throw SettingsError(path: path, "unknown dataset '\(value.kindName)'; known: toy") }
        return SweepDataset(name: "toy", definition: .null, checksum: "", isRegression: false)
    }
}

@Suite("Coordinator: what a submit must pass", .serialized, .timeLimit(.minutes(1)))
struct CoordinatorIntakeTests {
    @Test("The coordinator resolves a sweep's dataset at submit; unknown datasets and job kinds are refused")
    func datasetValidator() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = CoordinatorServer(
            configuration: CoordinatorConfiguration(bind: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*",
                                                    stateDirectory: directory),
            registry: JobKindRegistry([CountingJob()]), datasets: ToyDatasets(), logger: quietLogger)
        try server.start()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? server.run()
            finished.signal()
        }
        defer {
            server.stop()
            finished.wait()
        }
        let client = try ClusterClient(endpoint: server.boundEndpoints.router, timeout: .seconds(5))
        defer { client.close() }
        func submit(dataset: String, kind: String = "count") throws -> SweepAccepted {
            var submit = SweepSubmit()
            submit.spec = "name: s\ndataset: \(dataset)\nshard_count: 1\njobs: [{kind: \(kind), parameters: {x: {values: [1]}}}]\n"
                + "reference_point: {loss: 10}\n"
            return try client.submit(submit)
        }
        let unknown = #expect(throws: ClusterClient.ClientError.self) { try submit(dataset: "nope") }
        #expect(unknown?.description.contains("dataset: unknown dataset ''nope''") == true, "\(String(describing: unknown))")
        let kind = #expect(throws: ClusterClient.ClientError.self) { try submit(dataset: "toy", kind: "cnt") }
        #expect(kind?.description.contains("unknown job kind 'cnt'") == true, "\(String(describing: kind))")
        #expect(try submit(dataset: "toy").taskCount == 1)
    }

    @Test("A sweep whose front rows would have keys over the identifier limit is refused at submit, naming the task")
    func longRowKeysAreRefused() throws {
        let intake = SweepIntake(registry: JobKindRegistry([CountingJob()]), datasets: AnyNamedDataset(), limits: SpecLimits(),
                                 protocolLimits: ProtocolLimits())
        func submission(dataset: String) throws -> SweepSubmission {
            var submit = SweepSubmit()
            submit.spec = "name: s\ndataset: \(dataset)\nshard_count: 1\njobs: [{kind: count, parameters: {x: {values: [1]}}}]\n"
                + "reference_point: {loss: 10}\n"
            return try intake.submission(of: submit) { "\($0)-1" }
        }
        // A recipe's dataset name is the user's: within the identifier limit itself, but the row
        // key adds the label and the parameters (`NAME|count|x=1.0`).
        #expect(try submission(dataset: String(repeating: "d", count: 240)).tasks.count == 1)
        let refused = #expect(throws: SweepSpecError.self) { try submission(dataset: String(repeating: "d", count: 250)) }
        let message = refused.map { "\($0)" } ?? ""
        #expect(message.contains("task 0's front row key") && message.contains("262 bytes, over the protocol's 256"), "\(message)")
    }
}

/// A dataset catalogue that takes any name (as a recipe's dataset would be named).
private struct AnyNamedDataset: DatasetResolver {
    func resolve(_ value: SettingValue, at path: String) throws(SettingsError) -> SweepDataset {
        guard case .string(let name) = value else { throw SettingsError(path: path, "expected a name") }
        return SweepDataset(name: name, definition: .null, checksum: "", isRegression: false)
    }
}
