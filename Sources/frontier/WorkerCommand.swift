import ArgumentParser
import Foundation
import FrontierCluster
import FrontierData
import FrontierJobs
import FrontierML
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
        is encrypted (docs/security.md). Stop with Ctrl-C or SIGTERM: the worker takes no more \
        work, gives running tasks --shutdown-grace seconds to finish and hands the rest back \
        to the coordinator (requeued without spending an attempt); a second signal hands them \
        back at once.

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

    @Option(help: "Seconds running tasks may take to finish after Ctrl-C or SIGTERM before they are handed back.")
    var shutdownGrace: Double = 10

    @Option(help: ArgumentHelp("Where trained models are kept (sweeps' save_models, the explain kind's model cache); default $FRONTIER_MODELS, else ~/.cache/frontier/models.", valueName: "dir"))
    var models: String?

    @OptionGroup var logging: LogOptions

    @OptionGroup var curve: CurveClientOptions

    func run() throws {
        guard slots >= 1, slots <= 1024 else { throw ValidationError("--slots must be between 1 and 1024") }
        guard heartbeatMs >= 10 else { throw ValidationError("--heartbeat-ms must be at least 10") }
        guard shutdownGrace >= 0 else { throw ValidationError("--shutdown-grace must not be negative") }
        // One BLAS thread per task slot, as `sweep run` does: a task's objectives are then the same
        // on a worker as on one machine (OpenBLAS sums in another order with more threads).
        BLAS.threadCount = 1
        let local = try shards.map { try ShardOption.localShard($0) }
        let logger = logging.bootstrap(role: "worker")
        let security = try curve.credentials { logger.notice("\($0)") }
        for s in local {
            let d = s.descriptor
            logger.info("shard \(d.dataset)/\(d.shardID): \(d.trainRows) train + \(d.testRows) test rows, sha256 \(d.sha256.prefix(12))…")
        }
        let agent = try WorkerAgent(
            configuration: WorkerConfiguration(coordinator: connect, name: name ?? ProcessInfo.processInfo.hostName,
                                               slots: slots, heartbeatInterval: .milliseconds(heartbeatMs),
                                               curve: security, shutdownGrace: .milliseconds(Int(shutdownGrace * 1000))),
            shards: local, registry: FrontierJobs.registry(models: ModelCache(root: models ?? ModelCache.defaultRoot())),
            logger: logger)
        Signals.onTerminate { agent.stop() }
        try agent.run()
    }
}
