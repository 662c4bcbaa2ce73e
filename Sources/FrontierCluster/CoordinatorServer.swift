import Foundation
import FrontierCoordinator
import FrontierPareto
import FrontierProtocol
import FrontierSupport
import FrontierSweep
import FrontierTransport
import Logging

/// The head node: one ROUTER socket for workers and clients, one PUB socket for
/// front updates, and the scheduler that decides everything else. Single-threaded:
/// every message and timer tick goes through the scheduler on the thread that
/// called `run`, so its state needs no locks.
///
/// Peers are untrusted: a frame that fails to decode or validate, or a message the
/// scheduler refuses (a result from the wrong worker, an unknown task), is answered
/// with an `Error` naming the problem when the peer can be addressed, logged at a
/// bounded rate, and the loop goes on serving everyone else.
///
/// The state is checkpointed every `checkpointInterval` and on `stop`, which also
/// marks it cleanly shut down (see `CoordinatorStore`).
public final class CoordinatorServer: @unchecked Sendable {
    public let configuration: CoordinatorConfiguration
    public let registry: JobKindRegistry
    /// Endpoints actually bound (ephemeral ports resolved), available once `start` returned.
    public private(set) var boundEndpoints: (router: String, publisher: String) = ("", "")
    /// Called once per applied front change, with the time since the result arrived (benchmarks).
    public var onFrontChange: (@Sendable (Duration) -> Void)?
    /// Where the coordinator publishes what read-only observers (the web view) see; nil
    /// (the default) costs nothing. Set it before `start`.
    public var observatory: CoordinatorObservatory?

    let logger: Logger
    let codec = EnvelopeCodec()
    let intake: SweepIntake
    private let stopping = LockedFlag()
    private var context: ZMQContext?
    var router: ZMQSocket?
    var publisher: ZMQSocket?
    private var authenticator: ZMQZapHandler?
    var scheduler: Scheduler?
    private var nextMessageID: UInt64 = 1
    var refusals: RateLimitedLog
    var sendFailures: RateLimitedLog

    /// A coordinator for the job kinds of `registry`; `datasets` resolves each sweep's
    /// `dataset:` at submit (a name or an inline recipe), refusing one it does not know.
    public init(configuration: CoordinatorConfiguration, registry: JobKindRegistry,
                datasets: any DatasetResolver,
                logger: Logger = Logger(label: "frontier.coordinator")) {
        self.configuration = configuration
        self.registry = registry
        self.logger = logger
        intake = SweepIntake(registry: registry, datasets: datasets, limits: configuration.specLimits,
                             protocolLimits: codec.limits)
        refusals = RateLimitedLog(logger: logger, subject: "refused frames")
        sendFailures = RateLimitedLog(logger: logger, subject: "failed sends")
    }

    /// Opens the state and binds the sockets; `run` then serves until `stop`.
    ///
    /// - Throws: store errors (an unreadable database, a missing or corrupt WAL without
    ///   `forceState`), key and socket errors.
    public func start() throws {
        let store = try CoordinatorStore.open(directory: configuration.stateDirectory, force: configuration.forceState)
        let scheduler: Scheduler
        do {
            scheduler = try Scheduler(restoringFrom: store,
                                      configuration: SchedulerConfiguration(leaseDuration: configuration.leaseDuration.seconds),
                                      jobKindObjectives: registry.kinds.mapValues(\.objectives), now: Self.now())
        } catch {
            store.closeAfterFailedStart()
            throw error
        }
        let context = try ZMQContext()
        let security = CoordinatorSecurity(settings: configuration.curve, logger: logger)
        do {
            // The ZAP handler lives in the same context and is bound before the sockets, so no client skips it.
            authenticator = try security.prepare(context)
            try bindSockets(in: context, security: security)
        } catch {
            authenticator?.stop()
            context.shutdown()
            store.closeAfterFailedStart()
            throw error
        }
        self.context = context
        self.scheduler = scheduler
        attachObservatory(scheduler)
        let restored = scheduler.status().count
        logger.info("coordinator on \(boundEndpoints.router), publishing on \(boundEndpoints.publisher), state in \(store.path) (\(restored) sweeps restored)")
    }

    private func bindSockets(in context: ZMQContext, security: CoordinatorSecurity) throws {
        let router = try context.socket(.router)
        try security.secure(router)
        // Frames up to twice the codec's limit are received and answered with OVERSIZE; beyond
        // that libzmq drops the connection (it must stop reading somewhere).
        try router.set(.maxMessageSize, Self.transportLimit(codec.limits))
        // Workers are addressed by routing id; sending to one that vanished must fail, not block.
        try router.set(.routerMandatory, true)
        try router.set(.sendHighWaterMark, 10_000)
        try router.set(.receiveHighWaterMark, 100_000)
        let publisher = try context.socket(.pub)
        try security.secure(publisher)
        boundEndpoints = (try router.bind(configuration.bind), try publisher.bind(configuration.publish))
        self.router = router
        self.publisher = publisher
    }

    /// The largest frame libzmq delivers: twice the envelope limit.
    static func transportLimit(_ limits: ProtocolLimits) -> Int { 2 * limits.maxEnvelopeBytes }

    /// Asks `run` to return, from any thread.
    public func stop() { stopping.set() }

    /// Serves until `stop()`.
    public func run() throws {
        if router == nil { try start() }
        guard let router, scheduler != nil else { return }
        defer { shutDown() }
        var nextTick = ContinuousClock.now
        var nextCheckpoint = ContinuousClock.now + configuration.checkpointInterval
        while !stopping.isSet {
            let ready = try ZMQPoller([router]).poll(timeout: max(.zero, min(nextTick - .now, .milliseconds(250))))
            if !ready.isEmpty {
                // Drain everything queued before ticking, so a burst is handled in one pass.
                var handled = 0
                while handled < 10_000, let message = try router.tryReceive(property: "User-Id") {
                    handle(message.frames, peerKey: message.property)
                    handled += 1
                }
            }
            let now = ContinuousClock.now
            if now >= nextTick {
                nextTick = now + .milliseconds(500)
                tick()
            }
            refreshObservatory(changed: !ready.isEmpty)
            if now >= nextCheckpoint {
                nextCheckpoint = now + configuration.checkpointInterval
                checkpoint()
            }
        }
    }

    private func tick() {
        guard let scheduler else { return }
        perform(attempt("a timer tick") { try scheduler.tick(now: Self.now()) })
        refusals.flush()
        sendFailures.flush()
    }

    private func checkpoint() {
        guard let scheduler else { return }
        do {
            if try !scheduler.store.checkpoint() {
                logger.debug("checkpoint of \(scheduler.store.path) incomplete (readers); the next one continues it")
            }
        } catch {
            logger.error("\(error)")
        }
    }

    private func shutDown() {
        router?.close()
        publisher?.close()
        // Before the context goes: the handler's thread owns a socket in it and is waited for.
        authenticator?.stop()
        authenticator = nil
        context?.shutdown()
        router = nil
        publisher = nil
        refusals.flush(now: .now + refusals.window)
        sendFailures.flush(now: .now + sendFailures.window)
        if let scheduler {
            do {
                try scheduler.store.close()
                logger.info("state checkpointed into \(scheduler.store.path)")
            } catch {
                logger.error("\(error)")
            }
        }
        scheduler = nil
        logger.info("coordinator stopped")
    }

    func takeMessageID() -> UInt64 {
        defer { nextMessageID += 1 }
        return nextMessageID
    }

    /// Runs a scheduler call; a storage failure is logged with what was being done and
    /// the event dropped (the worker retries: results are resent until acknowledged).
    func attempt(_ what: @autoclosure () -> String, _ body: () throws -> [SchedulerAction]) -> [SchedulerAction] {
        do { return try body() } catch {
            logger.error("dropped \(what()): \(error)")
            return []
        }
    }

    /// Wall-clock seconds: leases are stored and must survive a restart.
    static func now() -> Double { Date().timeIntervalSince1970 }
}

extension CoordinatorStore {
    /// Closes (checkpointed, marked shut down) a store opened by a `start` that then
    /// failed, e.g. on a port in use; a failure to close is beside that point.
    func closeAfterFailedStart() { try? close() }
}
