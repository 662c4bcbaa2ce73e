import Foundation
import Testing
@testable import FrontierTransport

@Suite("CURVE security", .enabled(if: ZMQ.hasCurve))
struct CurveTests {
    @Test("Generated keys are 40-character Z85 and the public key derives from the secret")
    func keyPair() throws {
        let keys = try ZMQCurveKeyPair.generate()
        #expect(keys.publicKey.count == 40 && keys.secretKey.count == 40)
        #expect(keys != (try ZMQCurveKeyPair.generate()))
        #expect(try ZMQCurveKeyPair.publicKey(forSecretKey: keys.secretKey) == keys.publicKey)

        let socket = try ZMQContext().socket(.dealer)
        try socket.set(.curvePublicKey, keys.publicKey)
        #expect(try socket.get(.curvePublicKey) == keys.publicKey)
        #expect(throwsZMQ(.other) { try socket.set(.curveServerKey, "too short") })
    }

    @Test("A client with the server's key gets through; one with a wrong key does not")
    func handshake() throws {
        let context = try ZMQContext()
        let serverKeys = try ZMQCurveKeyPair.generate()
        let router = try makeSocket(.router, in: context, timeout: .seconds(3))
        try router.makeCurveServer(serverKeys)
        #expect(try router.get(.curveServer))
        let endpoint = try router.bind("tcp://127.0.0.1:*")

        let impostor = try makeSocket(.dealer, in: context)
        try impostor.set(.routingID, Array("impostor".utf8))
        try impostor.makeCurveClient(try .generate(), serverKey: try ZMQCurveKeyPair.generate().publicKey)
        try impostor.connect(endpoint)
        try impostor.send(Data("let me in".utf8))

        let client = try makeSocket(.dealer, in: context)
        try client.set(.routingID, Array("client".utf8))
        try client.makeCurveClient(try .generate(), serverKey: serverKeys.publicKey)
        try client.connect(endpoint)
        try client.send(Data("hello".utf8))

        let request = try router.receive()
        #expect(request.map(\.text) == ["client", "hello"])
        try router.send([request[0], Data("welcome".utf8)])
        #expect(try client.receive().map(\.text) == ["welcome"])
        #expect(try ZMQPoller([router]).poll(timeout: .milliseconds(200)).isEmpty)
    }
}

@Suite("ZAP handler", .enabled(if: ZMQ.hasCurve), .serialized)
struct ZapHandlerTests {
    @Test("Z85 keys: problems are named; binary keys round-trip")
    func z85() throws {
        let keys = try ZMQCurveKeyPair.generate()
        #expect(ZMQCurveKeyPair.problem(withZ85Key: keys.publicKey) == nil)
        #expect(ZMQCurveKeyPair.problem(withZ85Key: "abc")?.contains("40 Z85 characters, not 3") == true)
        let withSpace = String(keys.publicKey.prefix(39)) + " "
        #expect(ZMQCurveKeyPair.problem(withZ85Key: withSpace)?.contains("character 40") == true)
        // In the alphabet, but "#####" is larger than 2^32.
        #expect(ZMQCurveKeyPair.problem(withZ85Key: String(repeating: "#", count: 40)) != nil)
        #expect(ZMQCurveKeyPair.z85(binaryKey: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(ZMQCurveKeyPair.z85(binaryKey: [UInt8](repeating: 0, count: 32)) == String(repeating: "0", count: 40))
    }

    @Test("Only allowed client keys get through; the handler sees address and key and stops promptly")
    func allowlist() throws {
        let context = try ZMQContext()
        let server = try ZMQCurveKeyPair.generate()
        let friend = try ZMQCurveKeyPair.generate()
        let stranger = try ZMQCurveKeyPair.generate()
        let seen = LockedBox<[ZMQZapHandler.Request]>([])
        let handler = try ZMQZapHandler(context: context) { request in
            seen.value.append(request)
            return request.clientKey == friend.publicKey ? .allow(userID: "friend") : .deny(reason: "unknown key")
        }
        // A second handler in the same context cannot bind the ZAP endpoint.
        #expect(throws: ZMQError.self) { _ = try ZMQZapHandler(context: context) { _ in .deny(reason: "") } }

        let router = try makeSocket(.router, in: context, timeout: .seconds(3))
        try router.makeCurveServer(server)
        try router.set(.zapDomain, "test")
        let endpoint = try router.bind("tcp://127.0.0.1:*")

        let refused = try makeSocket(.dealer, in: context)
        try refused.makeCurveClient(stranger, serverKey: server.publicKey)
        try refused.connect(endpoint)
        try refused.send(Data("let me in".utf8))

        let client = try makeSocket(.dealer, in: context)
        try client.makeCurveClient(friend, serverKey: server.publicKey)
        try client.connect(endpoint)
        try client.send(Data("hello".utf8))

        #expect(try router.receive().last?.text == "hello")
        #expect(try ZMQPoller([router]).poll(timeout: .milliseconds(300)).isEmpty)
        let requests = seen.value
        #expect(requests.contains { $0.clientKey == stranger.publicKey })
        #expect(requests.allSatisfy { $0.domain == "test" && $0.mechanism == "CURVE" && $0.address == "127.0.0.1" })

        let stopping = ContinuousClock.now
        handler.stop()
        handler.stop()
        #expect(ContinuousClock.now - stopping < .seconds(1))
    }

    @Test("Malformed requests get status 500, not silence")
    func malformed() {
        let reply = ZMQZapHandler.reply(to: [Data("2.0".utf8), Data("7".utf8)]) { _ in .allow(userID: "") }
        #expect(reply.map(\.text) == ["1.0", "7", "500", "malformed ZAP request", "", ""])
        let noKey = [Data("1.0".utf8), Data("8".utf8), Data(), Data("1.2.3.4".utf8), Data(), Data("CURVE".utf8)]
        #expect(ZMQZapHandler.reply(to: noKey) { _ in .allow(userID: "") }[2].text == "500")
    }
}
