// The http executor against a local QTcpServer: method, url, headers and body with ${env:NAME}
// resolved only at run time, the JSON response as the result, status >= 400 as "Http.<status>",
// connection failures as "Http.NetworkError", and the request/response summary in the task log.
#include "enginetesthelpers.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace Signalbox;
using namespace EngineTest;

class TestEngineHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTcpServer m_server;
    QByteArray m_lastRequest;
    QByteArray m_status = "200 OK";
    QByteArray m_body = "{\"ok\":true}";
    std::unique_ptr<Engine> m_engine;

    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            m_lastRequest += socket->readAll();
            const qsizetype headerEnd = m_lastRequest.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : m_lastRequest.left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (m_lastRequest.size() < headerEnd + 4 + length)
                return;
            socket->write("HTTP/1.1 " + m_status + "\r\nContent-Type: application/json\r\n"
                          + "Content-Length: " + QByteArray::number(m_body.size())
                          + "\r\nConnection: close\r\n\r\n" + m_body);
            socket->disconnectFromHost();
        });
    }
    ExecutionRecord run(const std::string &yaml, const Json &input, std::string *idOut = nullptr)
    {
        m_lastRequest.clear();
        OperationResult r = m_engine->start(definition(yaml), yaml, {}, input);
        if (idOut)
            *idOut = r.executionId;
        if (!waitFinal(*m_engine, r.executionId))
            qWarning("not finished");
        return record(*m_engine, r.executionId);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_server.serverPort()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                serve(s);
        });
        m_engine = std::make_unique<Engine>();
        QString error;
        QVERIFY2(m_engine->open(m_dir.filePath("http.db"), &error), qPrintable(error));
    }
    void cleanupTestCase()
    {
        QString why;
        QVERIFY2(allHistoriesReplay(m_engine->store(), &why), qPrintable(why));
        m_engine.reset();
    }

    void postWithSecrets()
    {
        qputenv("SIGNALBOX_TEST_API_KEY", "key-123");
        m_status = "201 Created";
        m_body = "{\"id\":77}";
        std::string id;
        const ExecutionRecord rec = run("workflow:\n  name: h\n  start_at: call\n  states:\n"
                                        "    call:\n      type: task\n      run:\n        http:\n"
                                        "          method: POST\n          url: "
                                            + url()
                                            + "/orders?key=${env:SIGNALBOX_TEST_API_KEY}\n"
                                              "          headers: {X-Api-Key: "
                                              "'${env:SIGNALBOX_TEST_API_KEY}'}\n"
                                              "      result_path: $.created\n      end: true\n",
                                        Json{{"order", 5}}, &id);
        JCOMPARE(rec.status, ExecutionStatus::Succeeded);
        JCOMPARE(rec.output, (Json{{"order", 5}, {"created", {{"id", 77}}}}));
        QVERIFY2(m_lastRequest.startsWith("POST /orders?key=key-123 "), m_lastRequest.constData());
        QVERIFY(m_lastRequest.toLower().contains("x-api-key: key-123"));
        QVERIFY(m_lastRequest.contains("x-signalbox-task-token")
                || m_lastRequest.contains("X-Signalbox-Task-Token"));
        QVERIFY(m_lastRequest.endsWith("{\"order\":5}")); // the effective input is the body
        for (const HistoryEvent &e : m_engine->store()->history(id))
            QVERIFY(e.data.dump().find("key-123") == std::string::npos);
        const std::vector<TaskLog> logs = m_engine->store()->taskLogs(id);
        JCOMPARE(logs.size(), std::size_t(1));
        JCOMPARE(logs[0].extra["response"]["status"], Json(201));
        QVERIFY(logs[0].extra.dump().find("key-123") == std::string::npos);
    }

    void echoedSecretIsRedacted()
    {
        // A failing server echoes the request's Authorization header in its error page: the
        // task's cause and its response log keep the page, not the secret.
        qputenv("SIGNALBOX_TEST_API_KEY", "key-9d8e7f");
        m_status = "500 Internal Server Error";
        m_body = "{\"message\":\"rejected Authorization: Bearer key-9d8e7f\"}";
        std::string id;
        const ExecutionRecord rec = run("workflow:\n  name: h\n  start_at: call\n  states:\n"
                                        "    call:\n      type: task\n      run:\n        http:\n"
                                        "          url: "
                                            + url()
                                            + "/orders\n"
                                              "          headers: {Authorization: "
                                              "'Bearer ${env:SIGNALBOX_TEST_API_KEY}'}\n"
                                              "      end: true\n",
                                        Json::object(), &id);
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("Http.500"));
        QVERIFY(m_lastRequest.contains("Bearer key-9d8e7f")); // the server got it
        JCOMPARE(rec.cause, std::string("{\"message\":\"rejected Authorization: Bearer ***\"}"));
        for (const HistoryEvent &e : m_engine->store()->history(id))
            QVERIFY2(e.data.dump().find("key-9d8e7f") == std::string::npos, e.data.dump().c_str());
        for (const TaskLog &log : m_engine->store()->taskLogs(id))
            QVERIFY2(log.stdoutText.find("key-9d8e7f") == std::string::npos,
                     log.stdoutText.c_str());
    }

    void errorStatus()
    {
        m_status = "404 Not Found";
        m_body = "{\"message\":\"no such order\"}";
        const ExecutionRecord rec = run("workflow:\n  name: h\n  start_at: call\n  states:\n"
                                        "    call: {type: task, run: {http: {url: '"
                                            + url() + "/missing'}}, end: true}\n",
                                        Json::object());
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("Http.404"));
        QVERIFY2(rec.cause.find("no such order") != std::string::npos, rec.cause.c_str());
        QVERIFY(m_lastRequest.startsWith("GET /missing "));
    }

    void networkError()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const ExecutionRecord rec
            = run("workflow:\n  name: h\n  start_at: call\n  states:\n"
                  "    call: {type: task, run: {http: {url: 'http://127.0.0.1:"
                      + std::to_string(port) + "/'}}, end: true}\n",
                  Json::object());
        JCOMPARE(rec.status, ExecutionStatus::Failed);
        JCOMPARE(rec.error, std::string("Http.NetworkError"));
    }
};

QTEST_GUILESS_MAIN(TestEngineHttp)
#include "tst_engine_http.moc"
