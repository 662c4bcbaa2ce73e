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
