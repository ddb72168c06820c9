// A test that shows the app's QML fails when that QML reports a script error. Qt prints a
// ReferenceError or TypeError in a binding as a warning and goes on with an empty value, so a
// header that lost its text ("Started ·") passed every check that did not look at that text.
// Call failOnQmlErrors() in init(): Qt Test clears the patterns after each test function.
#pragma once

#include <QRegularExpression>
#include <QTest>

namespace Signalbox::Testing {

inline const QRegularExpression &qmlErrorPattern()
{
    // Errors in our own QML files (qrc:/qt/qml/Signalbox/...), not Qt's or the platform's.
    static const QRegularExpression pattern(QStringLiteral(
        R"(qrc:/qt/qml/Signalbox/.*(ReferenceError|TypeError|SyntaxError|RangeError|)"
        R"(Unable to assign|Cannot assign|is not a function|is not a type|)"
        R"(Binding loop|Cannot read property|non-existent property))"));
    return pattern;
}

inline void failOnQmlErrors()
{
    QTest::failOnWarning(qmlErrorPattern());
}

} // namespace Signalbox::Testing
