import Foundation
import Testing
import FrontierTransport
@testable import FrontierCluster

/// The key file format, its errors, and the allowlist loader (no network).
@Suite("CURVE key files", .enabled(if: ZMQ.hasCurve))
struct CurveKeyFileTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// The error `body` throws, as text.
    func failure(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    @Test("Rendered files parse back; a .pub file has no secret")
    func roundTrip() throws {
        let keys = try ZMQCurveKeyPair.generate()
        let secret = CurveKeyFile.render(publicKey: keys.publicKey, secretKey: keys.secretKey)
        #expect(try CurveKeyFile.parse(secret, path: "x") == .init(publicKey: keys.publicKey, secretKey: keys.secretKey))
        let pub = CurveKeyFile.render(publicKey: keys.publicKey, secretKey: nil)
        #expect(!pub.contains("secret-key ="))
        #expect(try CurveKeyFile.parse(pub, path: "x") == .init(publicKey: keys.publicKey, secretKey: nil))
    }

    @Test("czmq's zcert files (metadata, CRLF, unquoted keys) are read too")
    func zcertCompatible() throws {
        let keys = try ZMQCurveKeyPair.generate()
        let text = "#   ****  Generated on 2024-01-01 by CZMQ  ****\r\n#   ZeroMQ CURVE **Secret** Certificate\r\n"
            + "metadata\r\n    name = \"edge-01\"\r\ncurve\r\n    public-key = \"\(keys.publicKey)\"\r\n"
            + "    secret-key = \(keys.secretKey)\r\n"
        #expect(try CurveKeyFile.parse(text, path: "x") == .init(publicKey: keys.publicKey, secretKey: keys.secretKey))
    }

    @Test("Bad contents are named with the file, the line and the problem")
    func badContents() throws {
        let keys = try ZMQCurveKeyPair.generate()
        #expect(failure { _ = try CurveKeyFile.parse("curve\n    public-key = \"abc\"\n", path: "k.pub") }
                == "CURVE key file k.pub: line 2: public-key: a CURVE key is 40 Z85 characters, not 3")
        let badChar = String(keys.publicKey.dropLast()) + "~"
        #expect(failure { _ = try CurveKeyFile.parse("public-key = \"\(badChar)\"", path: "k.pub") }
                .contains("line 1: public-key: character 40 (\"~\") is not in the Z85 alphabet"))
        #expect(failure { _ = try CurveKeyFile.parse("# nothing here\n", path: "k.pub") }.contains("no `public-key"))
        let twice = "public-key = \"\(keys.publicKey)\"\npublic-key = \"\(keys.publicKey)\"\n"
        #expect(failure { _ = try CurveKeyFile.parse(twice, path: "k.pub") }.contains("line 2: a second public-key"))
    }

    @Test("A key pair must exist, hold a matching secret, and not be readable by everyone")
    func keyPairChecks() throws {
        let keys = try ZMQCurveKeyPair.generate()
        let other = try ZMQCurveKeyPair.generate()
        let good = try file("good.key", CurveKeyFile.render(publicKey: keys.publicKey, secretKey: keys.secretKey))
        #expect(try CurveKeyFile.readKeyPair(path: good) == keys)

        #expect(failure { _ = try CurveKeyFile.readKeyPair(path: directory + "/missing.key") }
                == "CURVE key file \(directory)/missing.key: no such file")
        let open = try file("open.key", CurveKeyFile.render(publicKey: keys.publicKey, secretKey: keys.secretKey), mode: 0o644)
        #expect(failure { _ = try CurveKeyFile.readKeyPair(path: open) }
                == "CURVE key file \(open): the secret key is accessible to every user (mode 644); run `chmod 600 \(open)`")
        let pub = try file("only.pub", CurveKeyFile.render(publicKey: keys.publicKey, secretKey: nil), mode: 0o644)
        #expect(failure { _ = try CurveKeyFile.readKeyPair(path: pub) }.contains("no secret-key line"))
        let mixed = try file("mixed.key", CurveKeyFile.render(publicKey: other.publicKey, secretKey: keys.secretKey))
        #expect(failure { _ = try CurveKeyFile.readKeyPair(path: mixed) }.contains("does not belong to the secret key"))
        #expect(failure { _ = try CurveKeyFile.readKeyPair(path: directory) }.contains("is a directory"))
    }

    @Test("write makes NAME.key 0600 and NAME.pub, and refuses to overwrite without force")
    func write() throws {
        let keys = try ZMQCurveKeyPair.generate()
        let paths = try CurveKeyFile.write(keys, directory: directory + "/new", name: "edge", force: false)
        #expect(paths.secret.hasSuffix("/new/edge.key") && paths.public.hasSuffix("/new/edge.pub"))
        let mode = try FileManager.default.attributesOfItem(atPath: paths.secret)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try CurveKeyFile.readKeyPair(path: paths.secret) == keys)
        #expect(try CurveKeyFile.readPublicKey(path: paths.public) == keys.publicKey)
        #expect(failure { _ = try CurveKeyFile.write(try .generate(), directory: directory + "/new", name: "edge", force: false) }
                .contains("edge.key: already exists; pass --force"))
        #expect(try CurveKeyFile.readKeyPair(path: paths.secret) == keys)
        let replacement = try ZMQCurveKeyPair.generate()
        _ = try CurveKeyFile.write(replacement, directory: directory + "/new", name: "edge", force: true)
        #expect(try CurveKeyFile.readKeyPair(path: paths.secret) == replacement)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/new").sorted() == ["edge.key", "edge.pub"])
    }

    @Test("--curve-server-key takes Z85 text or a key file")
    func serverKeyArgument() throws {
        let keys = try ZMQCurveKeyPair.generate()
        #expect(try CurveClientCredentials.resolveServerKey(keys.publicKey) == keys.publicKey)
        let pub = try file("head.pub", CurveKeyFile.render(publicKey: keys.publicKey, secretKey: nil), mode: 0o644)
        #expect(try CurveClientCredentials.resolveServerKey(pub) == keys.publicKey)
        #expect(failure { _ = try CurveClientCredentials.resolveServerKey(String(repeating: "~", count: 40)) }
                .contains("is not in the Z85 alphabet"))
        #expect(failure { _ = try CurveClientCredentials.resolveServerKey("head.pubb") } == "CURVE key file head.pubb: no such file")
        let ephemeral = try CurveClientCredentials.load(serverKey: pub, keyFile: nil)
        #expect(ephemeral.isEphemeral && ephemeral.summary.contains("ephemeral"))
    }

    @Test("Allowlists: a directory of .pub files or a file of keys; empty or bad ones are refused")
    func allowlist() throws {
        let a = try ZMQCurveKeyPair.generate(), b = try ZMQCurveKeyPair.generate()
        try FileManager.default.createDirectory(atPath: directory + "/auth", withIntermediateDirectories: true)
        _ = try file("auth/a.pub", CurveKeyFile.render(publicKey: a.publicKey, secretKey: nil), mode: 0o644)
        _ = try file("auth/b.pub", CurveKeyFile.render(publicKey: b.publicKey, secretKey: nil), mode: 0o644)
        _ = try file("auth/README", "not a key", mode: 0o644)
        #expect(try CurveAllowlist.load(path: directory + "/auth") == [a.publicKey, b.publicKey])

        let list = try file("keys.txt", "# edge devices\n\(a.publicKey)\n\n  \(b.publicKey)  \n", mode: 0o644)
        #expect(try CurveAllowlist.load(path: list) == [a.publicKey, b.publicKey])
        let bad = try file("bad.txt", "\(a.publicKey)\nnot-a-key\n", mode: 0o644)
        #expect(failure { _ = try CurveAllowlist.load(path: bad) } == "CURVE key file \(bad): line 2: a CURVE key is 40 Z85 characters, not 9")
        let empty = try file("empty.txt", "# nobody yet\n", mode: 0o644)
        #expect(failure { _ = try CurveAllowlist.load(path: empty) }.contains("lists no keys"))
        try FileManager.default.createDirectory(atPath: directory + "/none", withIntermediateDirectories: true)
        #expect(failure { _ = try CurveAllowlist.load(path: directory + "/none") }.contains("holds no .pub files"))
    }

    @Test("The allowlist policy admits listed keys and logs refusals once a minute per key")
    func policy() throws {
        let friend = try ZMQCurveKeyPair.generate(), stranger = try ZMQCurveKeyPair.generate()
        let lines = LockedLines()
        let policy = CurveAllowlistPolicy(allowed: [friend.publicKey], log: { lines.append($0) })
        func request(_ key: String?) -> ZMQZapHandler.Request {
            .init(domain: "frontier", address: "10.0.0.7", routingID: Data(), mechanism: "CURVE", clientKey: key)
        }
        #expect(policy.decide(request(friend.publicKey)) == .allow(userID: friend.publicKey))
        for _ in 0..<5 { #expect(policy.decide(request(stranger.publicKey)) == .deny(reason: "client key not authorized")) }
        #expect(lines.all == ["refused CURVE client key \(stranger.publicKey.prefix(8))… from 10.0.0.7 (not in --authorized-keys)"])
        #expect(policy.decide(request(nil)) == .deny(reason: "CURVE required"))
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
