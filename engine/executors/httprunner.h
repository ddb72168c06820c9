// Runs `http:` tasks with QNetworkAccessManager: method, url, headers and body (all may use
// ${env:NAME}, resolved only here); a JSON response body is the result (other text becomes a
// JSON string, empty becomes null); status >= 400 fails with "Http.<status>", a network failure
// with "Http.NetworkError". A request/response summary goes to the task log's `extra`.
#pragma once

#include "secrets.h"
#include "signalbox/executor.h"

#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Signalbox {

class HttpRunner : public TaskRunner
{
public:
    HttpRunner();
    ~HttpRunner() override;
    void start(const TaskRequest &request, TaskCallback done) override;
    void cancel(const std::string &token) override;
    void cancelAll() override;
    int running() const override { return int(m_tasks.size()); }

private:
    struct Task
    {
        QNetworkReply *reply = nullptr;
        TaskCallback done;
        TaskLog log;
        TaskSecrets secrets; // what ${env:…} resolved to, redacted from the outcome
    };
    void finish(const std::string &token);
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::map<std::string, Task> m_tasks;
};

} // namespace Signalbox
