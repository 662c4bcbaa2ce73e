import Foundation
import Testing
@testable import FrontierTransport

@Suite("Message round trips")
struct RoundTripTests {
    @Test("DEALER→ROUTER multipart round trip with an empty and a 1 MiB frame",
          arguments: ["tcp://127.0.0.1:*", "inproc://roundtrip"])
    func dealerRouter(endpoint: String) throws {
        let context = try ZMQContext()
        let router = try makeSocket(.router, in: context)
        let bound = try router.bind(endpoint)
        #expect(!bound.hasSuffix("*"))
        let dealer = try makeSocket(.dealer, in: context)
        try dealer.set(.routingID, Array("worker-1".utf8))
        try dealer.connect(bound)

        let big = [UInt8]((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try dealer.send([[], Array("hello".utf8), big])

        let request = try router.receive()
        #expect(request.count == 4)
        #expect(request[0].text == "worker-1")
        #expect(request[1].isEmpty)
        #expect(request[2].text == "hello")
        #expect(request[3] == Data(big))

        // Reply to the peer by routing id; the DEALER sees the frames after it.
        try router.send([request[0], Data(), Data("world".utf8)])
        let reply = try dealer.receive()
        #expect(reply.map(\.text) == ["", "world"])
        #expect(try dealer.tryReceive() == nil)
    }

    @Test("A ROUTER keeps two DEALERs' replies apart")
    func twoDealers() throws {
        let context = try ZMQContext()
        let router = try makeSocket(.router, in: context)
        let endpoint = try router.bind("tcp://127.0.0.1:*")
        let a = try makeSocket(.dealer, in: context)
        let b = try makeSocket(.dealer, in: context)
        try a.connect(endpoint)
        try b.connect(endpoint)
        try a.send(Data("from a".utf8))
        try b.send(Data("from b".utf8))
        for _ in 0..<2 {
            let request = try router.receive()
            try router.send([request[0], Data("re: ".utf8) + request[1]])
        }
        #expect(try a.receive().map(\.text) == ["re: from a"])
        #expect(try b.receive().map(\.text) == ["re: from b"])
    }

    @Test("SUB to \"front/a\" gets front/a… messages and not front/b…",
          arguments: ["tcp://127.0.0.1:*", "inproc://fronts"])
    func pubSubFiltering(endpoint: String) throws {
        let context = try ZMQContext()
        let publisher = try makeSocket(.pub, in: context)
        let bound = try publisher.bind(endpoint)
        let subscriber = try makeSocket(.sub, in: context, timeout: .seconds(3))
        try subscriber.subscribe("front/a")
        try subscriber.connect(bound)

        // Slow joiner: the subscription reaches the PUB asynchronously, so
        // publish until the first message arrives, bounded in time.
        let poller = ZMQPoller([subscriber])
        let deadline = ContinuousClock.now + .seconds(3)
        var received: [[Data]] = []
        while received.isEmpty && ContinuousClock.now < deadline {
            try publisher.send([Data("front/b/1".utf8), Data("b".utf8)])
            try publisher.send([Data("front/a/1".utf8), Data("a".utf8)])
            if try !poller.poll(timeout: .milliseconds(20)).isEmpty {
                while let message = try subscriber.tryReceive() { received.append(message) }
            }
        }
        #expect(!received.isEmpty)

        // Now the subscription is in place: a front/b message published before
        // a front/a one must be filtered out, not just delayed.
        try publisher.send([Data("front/b/last".utf8), Data("b".utf8)])
        try publisher.send([Data("front/a/last".utf8), Data("a".utf8)])
        while received.last?.first?.text != "front/a/last" {
            received.append(try subscriber.receive())
        }
        #expect(received.allSatisfy { $0.count == 2 && $0[0].text.hasPrefix("front/a") && $0[1].text == "a" })
    }

    @Test("The poller reports which socket is readable")
    func pollerReadable() throws {
        let context = try ZMQContext()
        let quiet = try makeSocket(.pull, in: context)
        try quiet.bind("inproc://quiet")
        let busy = try makeSocket(.pull, in: context)
        try busy.bind("inproc://busy")
        let pusher = try makeSocket(.push, in: context)
        try pusher.connect("inproc://busy")
        try pusher.send(Data("x".utf8))

        let ready = try ZMQPoller([quiet, busy]).poll(timeout: .seconds(5))
        #expect(ready.count == 1 && ready.first === busy)
        #expect(try busy.receive().map(\.text) == ["x"])
    }
}
