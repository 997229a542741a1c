// JSON answers of the nodes' small HTTP APIs (access decisions, sharing
// rules, publication requests): one content type, one error shape
// {"error": "<message>"}, so clients read every refusal the same way.
#pragma once

#include <string>
#include <string_view>

#include "wire/http/http_types.h"

namespace xds::http {

HttpResponse JsonResponse(int status, std::string body);
// {"error": message}; the message is escaped for a JSON string (control
// characters become spaces).
HttpResponse JsonError(int status, std::string_view message);

}  // namespace xds::http
