// InputForm: fields from a JSON Schema (types, enum, required, defaults, titles, descriptions),
// validation as values are typed, the input JSON it builds, and loadJson() from a JSON editor
// (unknown keys kept, round trip without changes). Also the schema of a bundled example, and
// that the form is valid exactly when the engine's validateInput takes its input.
#include "inputform.h"

#include "signalbox/inputschema.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Signalbox;

namespace {

const char schema[] = R"({
  "type": "object",
  "required": ["orderId", "amount"],
  "properties": {
    "orderId": {"type": "string", "title": "Order id", "description": "As printed on the invoice",
                "pattern": "^[A-Z]-[0-9]+$"},
    "amount": {"type": "number", "minimum": 0},
    "count": {"type": "integer", "default": 1},
    "priority": {"type": "string", "enum": ["low", "normal", "high"], "default": "normal"},
    "express": {"type": "boolean"},
    "address": {"type": "object"},
    "tags": {"type": "array"}
  }
})";

QJsonObject object(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

} // namespace

class TestInputForm : public QObject
{
    Q_OBJECT

private slots:
    void fieldsFromSchema();
    void validation();
    void loadJson();
    void exampleSchema();
    void agreesWithTheEngine();
};

void TestInputForm::fieldsFromSchema()
{
    InputForm form;
    QAbstractItemModelTester tester(&form, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!form.hasSchema());
    form.setSchemaJson(QString::fromLatin1(schema));
    QVERIFY(form.hasSchema());
    QCOMPARE(form.rowCount(), 7);
    QStringList names, types;
    for (int row = 0; row < form.rowCount(); ++row) {
        names.append(form.index(row).data(InputForm::NameRole).toString());
        types.append(form.index(row).data(InputForm::TypeRole).toString());
    }
    QCOMPARE(names,
             (QStringList{"orderId", "amount", "count", "priority", "express", "address", "tags"}));
    QCOMPARE(types,
             (QStringList{"string", "number", "integer", "enum", "boolean", "json", "json"}));
    const QModelIndex orderId = form.index(0);
    QCOMPARE(orderId.data(InputForm::TitleRole).toString(), QStringLiteral("Order id"));
    QCOMPARE(orderId.data(InputForm::DescriptionRole).toString(),
             QStringLiteral("As printed on the invoice"));
    QVERIFY(orderId.data(InputForm::RequiredRole).toBool());
    QCOMPARE(form.index(1).data(InputForm::TitleRole).toString(), QStringLiteral("amount"));
    QVERIFY(!form.index(2).data(InputForm::RequiredRole).toBool());
    QCOMPARE(form.index(3).data(InputForm::OptionsRole).toStringList(),
             (QStringList{"low", "normal", "high"}));
    QCOMPARE(form.index(5).data(InputForm::PlaceholderRole).toString(), QStringLiteral("{}"));
    QCOMPARE(form.index(6).data(InputForm::PlaceholderRole).toString(), QStringLiteral("[]"));

    // Defaults are filled in; the two required fields are missing.
    QCOMPARE(form.index(2).data(InputForm::ValueRole).toString(), QStringLiteral("1"));
    QCOMPARE(form.index(3).data(InputForm::ValueRole).toString(), QStringLiteral("normal"));
    QCOMPARE(form.index(4).data(InputForm::ValueRole).toBool(), false);
    QCOMPARE(form.errorCount(), 2);
    QVERIFY(!form.isValid());
    QCOMPARE(orderId.data(InputForm::ErrorRole).toString(), QStringLiteral("Required"));
    QCOMPARE(object(form.json()), object(R"({"count":1,"priority":"normal"})"));
}

void TestInputForm::validation()
{
    InputForm form;
    QAbstractItemModelTester tester(&form, QAbstractItemModelTester::FailureReportingMode::QtTest);
    form.setSchemaJson(QString::fromLatin1(schema));
    QSignalSpy changed(&form, &QAbstractItemModel::dataChanged);
    QSignalSpy values(&form, &InputForm::valuesChanged);

    form.setValue(0, QStringLiteral("A-1"));
    form.setValue(1, QStringLiteral("12.5"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(values.count(), 2);
    QVERIFY(form.isValid());
    QCOMPARE(object(form.json()),
             object(R"({"orderId":"A-1","amount":12.5,"count":1,"priority":"normal"})"));
    form.setValue(1, QStringLiteral("12.5")); // unchanged: nothing
    QCOMPARE(changed.count(), 2);

    auto errorOf = [&](int row, const QVariant &value) {
        form.setValue(row, value);
        return form.index(row).data(InputForm::ErrorRole).toString();
    };
    QCOMPARE(errorOf(0, QStringLiteral("a1")),
             QStringLiteral("Does not match the pattern ^[A-Z]-[0-9]+$"));
    QCOMPARE(errorOf(0, QStringLiteral("B-7")), QString());
    QCOMPARE(errorOf(1, QStringLiteral("abc")), QStringLiteral("Enter a number"));
    QVERIFY(!form.isValid());
    QCOMPARE(errorOf(1, QStringLiteral("-1")), QStringLiteral("At least 0"));
    QCOMPARE(errorOf(1, QStringLiteral("120")), QString());
    QCOMPARE(errorOf(2, QStringLiteral("1.5")), QStringLiteral("Enter a whole number"));
    QCOMPARE(errorOf(2, QString()), QString()); // optional: omitted
    QCOMPARE(errorOf(3, QStringLiteral("urgent")), QStringLiteral("Choose one of the options"));
    QCOMPARE(errorOf(3, QStringLiteral("high")), QString());
    QCOMPARE(errorOf(4, true), QString());
    QCOMPARE(errorOf(5, QStringLiteral("{")), QStringLiteral("Not valid JSON"));
    QCOMPARE(errorOf(5, QStringLiteral("[]")), QStringLiteral("Enter a JSON object, e.g. {}"));
    QCOMPARE(errorOf(5, QStringLiteral(R"({"city": "Oslo"})")), QString());
    QCOMPARE(errorOf(6, QStringLiteral("{}")), QStringLiteral("Enter a JSON array, e.g. []"));
    QCOMPARE(errorOf(6, QStringLiteral(R"(["gift"])")), QString());
    QVERIFY(form.isValid());
    QCOMPARE(object(form.json()),
             object(R"({"orderId":"B-7","amount":120,"priority":"high","express":true,
                        "address":{"city":"Oslo"},"tags":["gift"]})"));
    QVERIFY(form.json().contains(QLatin1String("\"amount\": 120,"))); // a whole number stays one
}

void TestInputForm::loadJson()
{
    InputForm form;
    QAbstractItemModelTester tester(&form, QAbstractItemModelTester::FailureReportingMode::QtTest);
    form.setSchemaJson(QString::fromLatin1(schema));
    QSignalSpy changed(&form, &QAbstractItemModel::dataChanged);
    QSignalSpy values(&form, &InputForm::valuesChanged);

    // orderId, amount and express change; count is no longer given; priority keeps "normal".
    QVERIFY(form.loadJson(
        QStringLiteral(R"({"orderId":"C-3","amount":7,"priority":"normal","express":false,
                           "note":"keep me"})")));
    QCOMPARE(changed.count(), 4);
    QCOMPARE(values.count(), 1);
    QVERIFY(form.isValid());
    QCOMPARE(form.index(0).data(InputForm::ValueRole).toString(), QStringLiteral("C-3"));
    QCOMPARE(form.index(2).data(InputForm::ValueRole).toString(), QString());
    QCOMPARE(object(form.json()),
             object(R"({"orderId":"C-3","amount":7,"priority":"normal","express":false,
                        "note":"keep me"})"));

    // Its own output loads without a change.
    changed.clear();
    values.clear();
    QVERIFY(form.loadJson(form.json()));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(values.count(), 0);

    // Values of the wrong type are flagged, not dropped silently.
    QVERIFY(form.loadJson(QStringLiteral(R"({"orderId":"C-3","amount":"lots"})")));
    QCOMPARE(form.index(1).data(InputForm::ErrorRole).toString(), QStringLiteral("Enter a number"));
    QVERIFY(!form.isValid());

    // Not an object: refused, the fields stay.
    changed.clear();
    QVERIFY(!form.loadJson(QStringLiteral("[1, 2]")));
    QCOMPARE(form.loadError(), QStringLiteral("The input must be a JSON object"));
    QVERIFY(!form.loadJson(QStringLiteral("{\"orderId\":")));
    QCOMPARE(form.loadError(), QStringLiteral("The input is not valid JSON"));
    QCOMPARE(changed.count(), 0);
    QVERIFY(!form.isValid());
    form.setValue(1, QStringLiteral("5"));
    QVERIFY(form.isValid());
    QVERIFY(form.loadError().isEmpty());

    // reset() returns to the defaults.
    form.reset();
    QCOMPARE(object(form.json()), object(R"({"count":1,"priority":"normal"})"));
}

void TestInputForm::exampleSchema()
{
    QFile f(QStringLiteral(SIGNALBOX_SOURCE_DIR "/resources/examples/order-approval.yaml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString yaml = QString::fromUtf8(f.readAll());
    InputForm form;
    QAbstractItemModelTester tester(&form, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&form, &QAbstractItemModel::modelReset);
    form.setYaml(yaml);
    QVERIFY(form.hasSchema());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(form.index(0).data(InputForm::NameRole).toString(), QStringLiteral("orderId"));
    QVERIFY(form.index(0).data(InputForm::RequiredRole).toBool());
    QCOMPARE(form.index(1).data(InputForm::TypeRole).toString(), QStringLiteral("number"));
    // An edit elsewhere in the workflow keeps what was typed.
    form.setValue(0, QStringLiteral("A-1"));
    form.setYaml(yaml + QStringLiteral("\n# a comment\n"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(form.index(0).data(InputForm::ValueRole).toString(), QStringLiteral("A-1"));
    // No schema: no fields.
    form.setYaml(QStringLiteral("workflow:\n  name: x\n  start_at: a\n  states:\n"
                                "    a: {type: succeed}\n"));
    QVERIFY(!form.hasSchema());
    QCOMPARE(form.rowCount(), 0);
    QCOMPARE(form.json(), QStringLiteral("{}"));
}

void TestInputForm::agreesWithTheEngine()
{
    // Rules the form has no editor check for still decide, through the engine's check.
    const char strict[] = R"({
      "type": "object",
      "required": ["amount"],
      "additionalProperties": false,
      "properties": {
        "amount": {"type": "number", "multipleOf": 5},
        "code": {"type": "string", "minLength": 2}
      }
    })";
    const Json schemaJson = Json::parse(strict);
    InputForm form;
    QAbstractItemModelTester tester(&form, QAbstractItemModelTester::FailureReportingMode::QtTest);
    form.setSchemaJson(QString::fromLatin1(strict));
    auto engineTakes = [&] { return validateInput(schemaJson, form.value()).empty(); };
    QVERIFY(!form.isValid());
    QCOMPARE(engineTakes(), false);

    QSignalSpy changed(&form, &QAbstractItemModel::dataChanged);
    form.setValue(0, QStringLiteral("7"));
    QCOMPARE(changed.count(), 1);
    QVERIFY(!form.isValid());
    QCOMPARE(engineTakes(), false);
    QVERIFY2(form.index(0).data(InputForm::ErrorRole).toString().contains("multiple"),
             qPrintable(form.index(0).data(InputForm::ErrorRole).toString()));
    form.setValue(0, QStringLiteral("10"));
    QVERIFY(form.isValid());
    QCOMPARE(engineTakes(), true);
    QCOMPARE(form.index(0).data(InputForm::ErrorRole).toString(), QString());

    form.setValue(1, QStringLiteral("x"));
    QVERIFY(!form.isValid());
    QCOMPARE(engineTakes(), false);

    // A key no field has, refused by additionalProperties: a problem of the whole form.
    QVERIFY(form.loadJson(QStringLiteral(R"({"amount": 15, "extra": 1})")));
    QVERIFY(!form.isValid());
    QCOMPARE(engineTakes(), false);
    QCOMPARE(form.errorCount(), 0);
    QVERIFY2(form.formError().contains("extra"), qPrintable(form.formError()));
    QVERIFY(form.loadJson(QStringLiteral(R"({"amount": 15})")));
    QVERIFY(form.isValid());
    QCOMPARE(engineTakes(), true);
    QVERIFY(form.formError().isEmpty());
}

QTEST_GUILESS_MAIN(TestInputForm)
#include "tst_inputform.moc"
