import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A blocking HTTP GET for the web view's tests: status, body and content type.
struct HTTPGet {
    let status: Int
    let body: String
    let contentType: String

    static func fetch(_ url: String, bearer: String? = nil, timeout: Double = 10) throws -> HTTPGet {
        guard let address = URL(string: url) else { throw HarnessError.unexpected("bad URL \(url)") }
        var request = URLRequest(url: address, timeoutInterval: timeout)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.value = error.map { .failure($0) } ?? .success((data ?? Data(), response as? HTTPURLResponse))
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + timeout + 1) == .success else { throw HarnessError.timedOut("GET \(url)") }
        let (data, response) = try box.value!.get()
        return HTTPGet(status: response?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self),
                       contentType: response?.value(forHTTPHeaderField: "Content-Type") ?? "")
    }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw HarnessError.unexpected("not a JSON object: \(body.prefix(200))")
        }
        return object
    }

    private final class ResultBox: @unchecked Sendable {
        var value: Result<(Data, HTTPURLResponse?), any Error>?
    }
}
