import Foundation
import FrontierProtocol
import FrontierTransport

/// A peer written from `proto-schema/` alone, as a third party would: ZeroMQ sockets
/// carrying serialized `Envelope`s, one per frame. It uses the generated message
/// types and nothing of Frontier's own codec, validator, client or worker, so what
/// it sees is what the wire says.
final class RawPeer {
    let context: ZMQContext
    let socket: ZMQSocket
    private(set) var nextID: UInt64 = 1

    /// A DEALER connected to the coordinator's ROUTER at `endpoint`.
    init(endpoint: String) throws {
        context = try ZMQContext()
        socket = try context.socket(.dealer)
        try socket.set(.linger, .zero)
        try socket.connect(endpoint)
    }

    deinit { close() }

    func close() {
        socket.close()
        context.shutdown()
    }

    /// An envelope of protocol 1.2 with the next message id.
    func envelope(_ body: Envelope.OneOf_Body) -> Envelope {
        var envelope = Envelope()
        envelope.majorVersion = 1
        envelope.minorVersion = 2
        envelope.messageID = nextID
        nextID += 1
        envelope.body = body
        return envelope
    }

    /// Sends `body`; returns its message id.
    @discardableResult
    func send(_ body: Envelope.OneOf_Body) throws -> UInt64 {
        let envelope = envelope(body)
        try socket.send([try envelope.serializedBytes() as Data])
        return envelope.messageID
    }

    /// Sends frames as they are.
    func sendFrames(_ frames: [Data]) throws { try socket.send(frames) }

    /// The next envelope that `wanted` accepts within `timeout`, skipping the others.
    func receive(within timeout: Duration = .seconds(5), where wanted: (Envelope) -> Bool = { _ in true }) throws -> Envelope? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try !ZMQPoller([socket]).poll(timeout: deadline - .now).isEmpty else { break }
            while let frames = try socket.tryReceive() {
                guard frames.count == 1, let envelope = try? Envelope(serializedBytes: frames[0]) else { continue }
                if wanted(envelope) { return envelope }
            }
        }
        return nil
    }

    /// Sends `body` and waits for the envelope whose `in_reply_to` names it.
    func request(_ body: Envelope.OneOf_Body, within timeout: Duration = .seconds(5)) throws -> Envelope? {
        let id = try send(body)
        return try receive(within: timeout) { $0.inReplyTo == id }
    }
}

/// A SUB socket on the coordinator's PUB endpoint, decoding `[topic, envelope]` by hand.
final class RawSubscriber {
    let context: ZMQContext
    let socket: ZMQSocket

    init(endpoint: String, topic: String) throws {
        context = try ZMQContext()
        socket = try context.socket(.sub)
        try socket.set(.linger, .zero)
        try socket.connect(endpoint)
        try socket.subscribe(topic)
    }

    deinit {
        socket.close()
        context.shutdown()
    }

    /// Front updates received within `timeout`, until `stop` accepts one (included).
    func updates(within timeout: Duration, until stop: (FrontUpdate) -> Bool) throws -> [FrontUpdate] {
        var received: [FrontUpdate] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try !ZMQPoller([socket]).poll(timeout: deadline - .now).isEmpty else { break }
            while let frames = try socket.tryReceive() {
                guard frames.count == 2, let envelope = try? Envelope(serializedBytes: frames[1]),
                      case .frontUpdate(let update)? = envelope.body else { continue }
                received.append(update)
                if stop(update) { return received }
            }
        }
        return received
    }
}

/// A worker speaking raw frames: says Hello for one shard of dataset `synthetic-classification`
/// and answers assignments by hand.
struct RawWorker {
    static let sha256 = String(repeating: "ab", count: 32)
    let peer: RawPeer
    let name: String
    let instanceID: String

    init(endpoint: String, name: String = "raw-worker", instanceID: String = UUID().uuidString) throws {
        peer = try RawPeer(endpoint: endpoint)
        self.name = name
        self.instanceID = instanceID
    }

    var hello: Hello {
        var hello = Hello()
        hello.workerName = name
        hello.instanceID = instanceID
        hello.softwareVersion = "raw 1.0"
        hello.slots = 1
        hello.freeSlots = 1
        var shard = ShardInfo()
        shard.dataset = "synthetic-classification"
        shard.shardID = 0
        shard.trainRows = 10
        shard.testRows = 5
        shard.sha256 = Self.sha256
        hello.shards = [shard]
        hello.jobKinds = ["noop"]
        return hello
    }

    /// Says Hello; returns the coordinator's reply to it.
    func introduce() throws -> Envelope? { try peer.request(.hello(hello)) }

    /// The next assignment within `timeout`.
    func nextAssignment(within timeout: Duration = .seconds(5)) throws -> TaskAssign? {
        guard let envelope = try peer.receive(within: timeout, where: {
            if case .taskAssign = $0.body { true } else { false }
        }), case .taskAssign(let assign)? = envelope.body else { return nil }
        return assign
    }

    /// The result of `assign` as the noop job kind computes it (`loss = x²`, `cost = (x − 1)² + seed/1000`).
    func result(of assign: TaskAssign, extra: [String: Double] = [:]) -> TaskResult {
        var result = TaskResult()
        result.taskID = assign.taskID
        result.attempt = assign.attempt
        result.parameters = assign.parameters
        let x = assign.parameters["x"] ?? 0
        result.objectives = ["loss": x * x, "cost": (x - 1) * (x - 1) + Double(assign.seed) * 1e-3]
            .merging(extra) { $1 }
        result.report = Data("{}".utf8)
        result.workerName = name
        return result
    }
}

/// The sweep the conformance tests submit: noop on dataset `synthetic-classification`, one shard,
/// `points` values of x times `seeds` seeds.
func conformanceSpec(name: String = "conformance", points: [Double] = [0.25, 0.75], seeds: [Int] = [1, 2],
                     extra: String = "") -> String {
    """
    name: \(name)
    dataset: synthetic-classification
    shards: all
    shard_count: 1
    seeds: [\(seeds.map(String.init).joined(separator: ", "))]
    jobs:
      - kind: noop
        parameters:
          x: {values: [\(points.map { "\($0)" }.joined(separator: ", "))]}
    \(extra)
    """
}
