// The JSON Schema of the YAML language (resources/schema/signalbox-workflow.schema.json), which
// YAML language servers use for completion and help: every example and valid fixture passes it,
// typical mistakes fail it at the right place, and every property carries a description.
// Validation uses valijson (Debian: libvalijson-dev), draft-07.
#if __has_include(<valijson/validator.hpp>)
#define SIGNALBOX_HAVE_VALIJSON 1
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#endif

#include "tools/examples.h"

#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>
#include <set>
#include <yaml-cpp/yaml.h>

using namespace SignalboxTest;

namespace {

using PlainJson = nlohmann::json; // valijson's adapter is written for nlohmann::json

// YAML 1.2 core schema scalars: plain null/bool/int/float resolve to JSON types; quoted stay text.
PlainJson scalarToJson(const YAML::Node &node)
{
    const std::string &s = node.Scalar();
    if (node.Tag() == "!")
        return s;
    static const QRegularExpression intRe("^[-+]?(0|[1-9][0-9]*)$");
    static const QRegularExpression floatRe(
        "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    const QString q = QString::fromStdString(s);
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return nullptr;
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    if (intRe.match(q).hasMatch())
        return q.toLongLong();
    if (floatRe.match(q).hasMatch())
        return q.toDouble();
    return s;
}

PlainJson yamlToJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        PlainJson out = PlainJson::object();
        for (auto it = node.begin(); it != node.end(); ++it)
            out[it->first.Scalar()] = yamlToJson(it->second);
        return out;
    }
    case YAML::NodeType::Sequence: {
        PlainJson out = PlainJson::array();
        for (const YAML::Node &n : node)
            out.push_back(yamlToJson(n));
        return out;
    }
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    default:
        return nullptr;
    }
}

PlainJson loadSchema()
{
    const std::string text
        = readFile(SIGNALBOX_SOURCE_DIR "/resources/schema/signalbox-workflow.schema.json");
    return PlainJson::parse(text, nullptr, false);
}

// The seed workflow; the invalid rows below each break one thing in it.
const char *seedYaml = "workflow:\n"
                       "  name: order-approval\n"
                       "  start_at: validate-order\n"
                       "  states:\n"
                       "    validate-order: {type: task, next: needs-review}\n"
                       "    needs-review:\n"
                       "      type: choice\n"
                       "      when:\n"
                       "        requiresManualReview: wait-for-review\n"
                       "      default: charge-payment\n"
                       "    wait-for-review: {type: wait_for_event, next: charge-payment}\n"
                       "    charge-payment:\n"
                       "      type: task\n"
                       "      retry: {attempts: 3, backoff: exponential}\n"
                       "      next: create-shipment\n"
                       "    create-shipment: {type: task, end: true}\n";

#ifdef SIGNALBOX_HAVE_VALIJSON
// Validates `doc`; returns the error messages (with their document paths), empty when valid.
QStringList validate(const PlainJson &schemaDoc, const PlainJson &doc)
{
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(schemaDoc), schema);
    valijson::Validator validator;
    valijson::ValidationResults results;
    QStringList errors;
    if (validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(doc), &results))
        return errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        QString where;
        for (const std::string &c : error.context)
            where += QString::fromStdString(c);
        errors << where + ": " + QString::fromStdString(error.description);
    }
    if (errors.isEmpty())
        errors << "invalid";
    return errors;
}
#endif

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void schemaIsDraft07();
    void everyPropertyDescribed();
    void validWorkflows_data();
    void validWorkflows();
    void invalidWorkflows_data();
    void invalidWorkflows();
    void invalidFixtures_data();
    void invalidFixtures();
    void fieldsMatchYamlReader();

private:
    PlainJson m_schema;
};

void TestSchema::initTestCase()
{
#ifndef SIGNALBOX_HAVE_VALIJSON
    QSKIP("valijson is not installed (Debian: libvalijson-dev; packaging/install-deps.sh)");
#endif
    m_schema = loadSchema();
    QVERIFY2(m_schema.is_object(), "the schema file is missing or not valid JSON");
}

void TestSchema::schemaIsDraft07()
{
    QCOMPARE(QString::fromStdString(m_schema.value("$schema", "")),
             QStringLiteral("http://json-schema.org/draft-07/schema#"));
    // Every $ref resolves inside the document.
    std::vector<const PlainJson *> todo = {&m_schema};
    int refs = 0;
    while (!todo.empty()) {
        const PlainJson *j = todo.back();
        todo.pop_back();
        if (j->is_object() && j->contains("$ref")) {
            const std::string ref = (*j)["$ref"];
            QVERIFY2(ref.rfind("#/", 0) == 0, ref.c_str());
            QVERIFY2(m_schema.contains(PlainJson::json_pointer(ref.substr(1))), ref.c_str());
            ++refs;
        }
        if (j->is_structured()) {
            for (const PlainJson &child : *j)
                todo.push_back(&child);
        }
    }
    QVERIFY(refs > 20);
}

// Language servers show these as hover help and completion documentation.
void TestSchema::everyPropertyDescribed()
{
    QStringList missing;
    std::vector<std::pair<std::string, const PlainJson *>> todo = {{"", &m_schema}};
    while (!todo.empty()) {
        const auto [where, j] = todo.back();
        todo.pop_back();
        if (!j->is_object())
            continue;
        if (j->contains("properties")) {
            for (const auto &[name, prop] : (*j)["properties"].items()) {
                const bool described = prop.contains("description");
                const bool refDescribed
                    = prop.contains("$ref")
                      && m_schema
                             .at(PlainJson::json_pointer(prop["$ref"].get<std::string>().substr(1)))
                             .contains("description");
                if (!described && !refDescribed
                    && where.find("structuredRule") == std::string::npos)
                    missing << QString::fromStdString(where + "/properties/" + name);
            }
        }
        for (const auto &[key, child] : j->items())
            todo.push_back({where + "/" + key, &child});
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join('\n')));
}

void TestSchema::validWorkflows_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &p : allValidWorkflows())
        QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
}

void TestSchema::validWorkflows()
{
#ifdef SIGNALBOX_HAVE_VALIJSON
    QFETCH(QString, path);
    const PlainJson doc = yamlToJson(YAML::LoadFile(path.toStdString()));
    const QStringList errors = validate(m_schema, doc);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
#endif
}

void TestSchema::invalidWorkflows_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("where"); // a document path the errors must mention

    auto replace = [](const char *from, const char *to) {
        QString yaml = QString::fromUtf8(seedYaml);
        Q_ASSERT(yaml.contains(QString::fromUtf8(from)));
        return yaml.replace(QString::fromUtf8(from), QString::fromUtf8(to));
    };
    QTest::newRow("no workflow key") << "name: x\nstart_at: a\n"
                                     << "<root>";
    QTest::newRow("missing start_at")
        << replace("  start_at: validate-order\n", "") << "[workflow]";
    QTest::newRow("unknown top-level key")
        << replace("  name: order-approval\n", "  name: order-approval\n  timeout: 5\n")
        << "[workflow]";
    QTest::newRow("unknown state type")
        << replace("{type: task, end: true}", "{type: job, end: true}") << "[create-shipment]";
    QTest::newRow("next and end") << replace("{type: task, end: true}",
                                             "{type: task, end: true, next: needs-review}")
                                  << "[create-shipment]";
    QTest::newRow("neither next nor end")
        << replace("{type: task, end: true}", "{type: task}") << "[create-shipment]";
    QTest::newRow("end false") << replace("{type: task, end: true}", "{type: task, end: false}")
                               << "[create-shipment]";
    QTest::newRow("misspelt field")
        << replace("{type: task, end: true}", "{type: task, end: true, timout_seconds: 5}")
        << "[create-shipment]";
    QTest::newRow("field of another type")
        << replace("{type: task, end: true}", "{type: task, end: true, seconds: 5}")
        << "[create-shipment]";
    QTest::newRow("bad backoff") << replace("backoff: exponential", "backoff: quadratic")
                                 << "[retry]";
    QTest::newRow("attempts zero") << replace("attempts: 3", "attempts: 0") << "[retry]";
    QTest::newRow("choice without rules")
        << replace("      when:\n        requiresManualReview: wait-for-review\n", "")
        << "[needs-review]";
    QTest::newRow("choice with next")
        << replace("      default: charge-payment\n",
                   "      default: charge-payment\n      next: charge-payment\n")
        << "[needs-review]";
    QTest::newRow("bad kind") << replace("{type: wait_for_event, next: charge-payment}",
                                         "{type: wait_for_event, kind: vote, next: charge-payment}")
                              << "[wait-for-review]";
    QTest::newRow("form field without name")
        << replace("{type: wait_for_event, next: charge-payment}",
                   "{type: wait_for_event, form: [{type: text}], next: charge-payment}")
        << "[form]";
    QTest::newRow("run with two executors")
        << replace("{type: task, next: needs-review}",
                   "{type: task, run: {shell: x, command: [y]}, next: needs-review}")
        << "[run]";
    QTest::newRow("command as a string")
        << replace("{type: task, next: needs-review}",
                   "{type: task, run: {command: 'python3 x.py'}, next: needs-review}")
        << "[command]";
    QTest::newRow("path without $")
        << replace("{type: task, end: true}", "{type: task, end: true, result_path: out}")
        << "[result_path]";
    QTest::newRow("wait with two times")
        << replace("{type: task, end: true}", "{type: wait, seconds: 1, timestamp_path: $.t, "
                                              "end: true}")
        << "[create-shipment]";
    QTest::newRow("map without processor")
        << replace("{type: task, end: true}", "{type: map, items_path: $.x, end: true}")
        << "[create-shipment]";
    QTest::newRow("empty states") << "workflow: {name: x, start_at: a, states: {}}"
                                  << "[states]";
}

void TestSchema::invalidWorkflows()
{
#ifdef SIGNALBOX_HAVE_VALIJSON
    QFETCH(QString, yaml);
    QFETCH(QString, where);
    const PlainJson doc = yamlToJson(YAML::Load(yaml.toStdString()));
    const QStringList errors = validate(m_schema, doc);
    QVERIFY2(!errors.isEmpty(), "the schema accepted an invalid workflow");
    QVERIFY2(errors.join('\n').contains(where), qPrintable(errors.join('\n')));
#endif
}

void TestSchema::invalidFixtures_data()
{
    // The fixtures of tests/data/invalid whose mistake is structural, so the schema (and with
    // it a YAML language server) flags it while typing. The others need the validator.
    QTest::addColumn<QString>("path");
    for (const char *name :
         {"form-bad-type", "map-no-processor", "next-and-end", "missing-start", "missing-next",
          "not-a-workflow", "retry-bounds", "retry-rate", "run-two-kinds", "unknown-field",
          "unknown-type", "wait-two-kinds", "wrong-type"})
        QTest::newRow(name) << QStringLiteral(SIGNALBOX_TEST_DATA "/invalid/%1.yaml").arg(name);
}

void TestSchema::invalidFixtures()
{
#ifdef SIGNALBOX_HAVE_VALIJSON
    QFETCH(QString, path);
    QVERIFY2(QFile::exists(path), qPrintable(path + QStringLiteral(" is listed but missing")));
    const PlainJson doc = yamlToJson(YAML::LoadFile(path.toStdString()));
    QVERIFY2(!validate(m_schema, doc).isEmpty(), "the schema accepted an invalid fixture");
#endif
}

// The schema and the YAML reader accept the same fields for each state type: every field some
// type allows is tried on every type, and the reader calls it unknown exactly where the schema
// does not list it.
void TestSchema::fieldsMatchYamlReader()
{
    const PlainJson &definitions = m_schema["definitions"];
    std::vector<std::string> types = definitions["state"]["properties"]["type"]["enum"];
    std::set<std::string> allFields;
    for (const std::string &t : types) {
        for (const auto &[field, spec] : definitions[t + "State"]["properties"].items())
            allFields.insert(field);
    }
    QVERIFY(allFields.size() >= 40);
    QStringList mismatches;
    for (const std::string &t : types) {
        const PlainJson &props = definitions[t + "State"]["properties"];
        for (const std::string &field : allFields) {
            if (field == "type")
                continue;
            const std::string yaml = "workflow:\n  name: t\n  start_at: s\n  states:\n    s:\n"
                                     "      type: "
                                     + t + "\n      " + field + ": null\n";
            Signalbox::Diagnostics diags;
            Signalbox::readYaml(yaml, "fields.yaml", diags);
            const bool unknown
                = diags.formatAll().find("unknown field '" + field + "'") != std::string::npos;
            if (unknown == props.contains(field))
                mismatches << QString::fromStdString(
                    t + "." + field + ": schema " + (props.contains(field) ? "allows" : "refuses")
                    + ", reader " + (unknown ? "refuses" : "allows"));
        }
    }
    // The workflow level too.
    const PlainJson &workflowProps = m_schema["properties"]["workflow"]["properties"];
    for (const std::string field : {"name", "description", "start_at", "states", "timeout_seconds",
                                    "input_schema", "layout", "version", "comment"}) {
        Signalbox::Diagnostics diags;
        Signalbox::readYaml("workflow:\n  " + field + ": null\n", "top.yaml", diags);
        const bool unknown
            = diags.formatAll().find("unknown field '" + field + "'") != std::string::npos;
        if (unknown == workflowProps.contains(field))
            mismatches << QString::fromStdString("workflow." + field);
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join('\n')));
}

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
