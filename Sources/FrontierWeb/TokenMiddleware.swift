import Hummingbird

/// Refuses (401) every request that does not carry the token: `Authorization: Bearer TOKEN`,
/// or `?token=TOKEN` for what a browser fetches by URL (the page, its event stream).
struct TokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: AccessToken

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer "),
           token.matches(header.dropFirst("Bearer ".count)) {
            return try await next(request, context)
        }
        if let query = request.uri.queryParameters.get("token"), token.matches(query) {
            return try await next(request, context)
        }
        return Response(status: .unauthorized,
                        headers: [.contentType: "text/plain; charset=utf-8", .wwwAuthenticate: "Bearer"],
                        body: ResponseBody(byteBuffer: ByteBuffer(
                            string: "a token is required: `Authorization: Bearer TOKEN` or ?token=TOKEN\n")))
    }
}
