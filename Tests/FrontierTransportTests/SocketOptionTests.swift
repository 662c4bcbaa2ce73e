import Foundation
import Testing
@testable import FrontierTransport

@Suite("Socket options and error mapping")
struct SocketOptionTests {
    @Test("Options read back what was set; linger starts at zero")
    func roundTrip() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        #expect(try socket.get(.linger) == .zero)
        try socket.set(.linger, nil)
        #expect(try socket.get(.linger) == nil)
        try socket.set(.sendHighWaterMark, 17)
        try socket.set(.receiveHighWaterMark, 23)
        try socket.set(.maxMessageSize, 4096)
        try socket.set(.heartbeatInterval, .milliseconds(250))
        try socket.set(.heartbeatTimeout, .milliseconds(750))
        try socket.set(.heartbeatTTL, .milliseconds(2000))
        try socket.set(.receiveTimeout, .milliseconds(40))
        try socket.set(.sendTimeout, nil)
        try socket.set(.immediate, true)
        try socket.set(.reconnectInterval, .milliseconds(50))
        try socket.set(.reconnectIntervalMax, .seconds(2))
        try socket.set(.tcpKeepAlive, true)
        try socket.set(.routingID, [1, 2, 3])
        #expect(try socket.get(.sendHighWaterMark) == 17)
        #expect(try socket.get(.receiveHighWaterMark) == 23)
        #expect(try socket.get(.maxMessageSize) == 4096)
        #expect(try socket.get(.heartbeatInterval) == .milliseconds(250))
        #expect(try socket.get(.heartbeatTimeout) == .milliseconds(750))
        #expect(try socket.get(.heartbeatTTL) == .milliseconds(2000))
        #expect(try socket.get(.receiveTimeout) == .milliseconds(40))
        #expect(try socket.get(.sendTimeout) == nil)
        #expect(try socket.get(.immediate) == true)
        #expect(try socket.get(.reconnectInterval) == .milliseconds(50))
        #expect(try socket.get(.reconnectIntervalMax) == .seconds(2))
        #expect(try socket.get(.tcpKeepAlive) == true)
        #expect(try socket.get(.routingID) == [1, 2, 3])
    }

    @Test("tryReceive on an empty socket is nil; RCVTIMEO makes receive throw wouldBlock")
    func emptySocket() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.dealer)
        try socket.bind("inproc://empty")
        #expect(try socket.tryReceive() == nil)
        try socket.set(.receiveTimeout, .milliseconds(30))
        let started = ContinuousClock.now
        #expect(throwsZMQ(.wouldBlock) { _ = try socket.receive() })
        #expect(ContinuousClock.now - started >= .milliseconds(20))
    }

    @Test("A DEALER with no peer and dontWait throws wouldBlock")
    func sendWouldBlock() throws {
        let context = try ZMQContext()
        let dealer = try context.socket(.dealer)
        #expect(throwsZMQ(.wouldBlock) { try dealer.send(Data("x".utf8), dontWait: true) })
    }

    @Test("MAXMSGSIZE drops an oversize message but not another DEALER's normal one")
    func maxMessageSize() throws {
        let context = try ZMQContext()
        let router = try makeSocket(.router, in: context, timeout: .seconds(3))
        try router.set(.maxMessageSize, 1000)
        let endpoint = try router.bind("tcp://127.0.0.1:*")
        let greedy = try makeSocket(.dealer, in: context)
        try greedy.set(.routingID, Array("greedy".utf8))
        try greedy.connect(endpoint)
        let modest = try makeSocket(.dealer, in: context)
        try modest.set(.routingID, Array("modest".utf8))
        try modest.connect(endpoint)

        try greedy.send([UInt8](repeating: 7, count: 4000))
        // Give the oversize frame time to reach the ROUTER first.
        #expect(try ZMQPoller([router]).poll(timeout: .milliseconds(200)).isEmpty)
        try modest.send(Data("small".utf8))

        // Summarise frames so a failure does not print 4000 bytes.
        let message = try router.receive().map { $0.count > 100 ? "<\($0.count) bytes>" : $0.text }
        #expect(message == ["modest", "small"])
        #expect(try ZMQPoller([router]).poll(timeout: .milliseconds(100)).isEmpty)
    }

    @Test("ROUTER_MANDATORY: sending to an unknown routing id throws hostUnreachable")
    func routerMandatory() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.set(.routerMandatory, true)
        try router.bind("tcp://127.0.0.1:*")
        var caught: ZMQError?
        do {
            try router.send([Data("nobody".utf8), Data("hi".utf8)])
        } catch {
            caught = error
        }
        #expect(caught?.code == .hostUnreachable)
        #expect(caught?.description.contains("send") == true)
    }

    @Test("Without ROUTER_MANDATORY the same message is dropped silently")
    func routerDefaultDrops() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.bind("tcp://127.0.0.1:*")
        try router.send([Data("nobody".utf8), Data("hi".utf8)])
    }

    @Test("Options fixed per connection (IMMEDIATE, CURVE) are refused once the socket has an endpoint")
    func connectionTimeOptions() throws {
        let context = try ZMQContext()
        let dealer = try context.socket(.dealer)
        try dealer.set(.immediate, true)
        try dealer.connect("tcp://127.0.0.1:9")
        #expect(dealer.hasEndpoints)
        // Changing IMMEDIATE after connect made libzmq 4.3 abort on the next reconnection
        // (socket_base.cpp:1673, xhiccuped): the wrapper refuses it instead.
        var caught: ZMQError?
        do { try dealer.set(.immediate, false) } catch { caught = error }
        #expect(caught?.description == "set ZMQ_IMMEDIATE on DEALER socket: must be set before the socket's first bind or connect")
        #expect(try dealer.get(.immediate) == true)
        #expect(throwsZMQ(.other) { try dealer.set(.curveServerKey, String(repeating: "0", count: 40)) })
        // Other options can still change.
        try dealer.set(.sendHighWaterMark, 5)

        let router = try context.socket(.router)
        try router.bind("tcp://127.0.0.1:*")
        #expect(throwsZMQ(.other) { try router.set(.curveServer, true) })
        #expect(throwsZMQ(.other) { try router.set(.zapDomain, "late") })
    }

    @Test("Subscribe and unsubscribe are write-only and reject the wrong socket")
    func subscribeErrors() throws {
        let context = try ZMQContext()
        let sub = try context.socket(.sub)
        try sub.subscribe("front/")
        try sub.unsubscribe("front/")
        let dealer = try context.socket(.dealer)
        #expect(throwsZMQ(.other) { try dealer.subscribe("front/") })
    }
}
