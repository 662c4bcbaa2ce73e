import ArgumentParser
import Foundation
import FrontierCluster
import FrontierData
import FrontierJobs
import FrontierModels
import FrontierSweep

/// `frontier worker`: an edge device holding dataset shards.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a worker: hold dataset shards locally and run the coordinator's tasks on them.",
        discussion: """
        Each --shard names a dataset and a shard directory made by `frontier datasets split` (or a \
        directory with a built-in recipe's files, used whole). The data never leaves this machine: \
        only objectives and reports are sent. With --curve-server-key the link to the coordinator \
        is encrypted (docs/security.md). Stop with Ctrl-C.

        Examples:
          frontier datasets split adult --parts 2 --out /data/shards
          frontier worker --connect tcp://head:5555 --shard adult=/data/shards/adult-0 --slots 2 --name edge-01
          frontier worker --shard adult=/data/adult-0 --curve-server-key head.pub --curve-key me.key
        """)

    @Option(help: "The coordinator's endpoint.")
    var connect = "tcp://127.0.0.1:5555"

    @Option(name: .customLong("shard"), help: "DATASET=DIRECTORY of a shard held here (repeatable).")
    var shards: [String] = []

    @Option(help: "Tasks run at once.")
    var slots = 1

    @Option(help: "Name shown in the front and the logs (default: the host name).")
    var name: String?

    @Option(help: "Milliseconds between heartbeats.")
    var heartbeatMs = 1000

    @Option(help: ArgumentHelp("Where trained models are kept (sweeps' save_models, the explain kind's model cache); default $FRONTIER_MODELS, else ~/.cache/frontier/models.", valueName: "dir"))
    var models: String?

    @OptionGroup var curve: CurveClientOptions

    func run() throws {
        guard slots >= 1, slots <= 1024 else { throw ValidationError("--slots must be between 1 and 1024") }
        guard heartbeatMs >= 10 else { throw ValidationError("--heartbeat-ms must be at least 10") }
        var local: [LocalShard] = []
        for entry in shards {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--shard '\(entry)': expected DATASET=DIRECTORY")
            }
            let shard: LocalShard
            do { shard = try ShardLoader.localShard(directory: parts[1]) } catch {
                throw ValidationError("--shard \(entry): \(error)")
            }
            guard shard.descriptor.dataset == parts[0] else {
                throw ValidationError("--shard \(entry): the directory holds dataset \(shard.descriptor.dataset), not \(parts[0])")
            }
            local.append(shard)
        }
        let log = ClusterLog.line(role: "worker")
        let security = try curve.credentials(announce: log)
        for s in local {
            log("shard \(s.descriptor.dataset)/\(s.descriptor.shardID): \(s.descriptor.trainRows) train + "
                + "\(s.descriptor.testRows) test rows, sha256 \(s.descriptor.sha256.prefix(12))…")
        }
        let agent = try WorkerAgent(
            configuration: WorkerConfiguration(coordinator: connect, name: name ?? ProcessInfo.processInfo.hostName,
                                               slots: slots, heartbeatInterval: .milliseconds(heartbeatMs),
                                               curve: security),
            shards: local, registry: FrontierJobs.registry(models: ModelCache(root: models ?? ModelCache.defaultRoot())), log: log)
        Signals.onTerminate { agent.stop() }
        try agent.run()
    }
}
