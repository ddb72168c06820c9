#include "diagramstyle.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QSvgRenderer>

#include <cmath>

namespace Signalbox {

namespace DiagramStyle {

QColor typeColor(StateType type)
{
    switch (type) {
    case StateType::Task:
        return QColor(0x25, 0x63, 0xeb);
    case StateType::Choice:
        return QColor(0xd9, 0x77, 0x06);
    case StateType::Wait:
        return QColor(0x0d, 0x94, 0x88);
    case StateType::WaitForEvent:
        return QColor(0x7c, 0x3a, 0xed);
    case StateType::Parallel:
        return QColor(0x4f, 0x46, 0xe5);
    case StateType::Map:
        return QColor(0x08, 0x91, 0xb2);
    case StateType::Succeed:
        return QColor(0x16, 0xa3, 0x4a);
    case StateType::Fail:
        return QColor(0xdc, 0x26, 0x26);
    case StateType::Pass:
        break;
    }
    return QColor(0x64, 0x74, 0x8b);
}

QString typeIcon(StateType type)
{
    switch (type) {
    case StateType::Task: // a terminal window with a prompt
        return QStringLiteral("M4 5 H20 V19 H4 Z M7.5 9.5 L10.5 12 L7.5 14.5 M12.5 15 H16.5");
    case StateType::Choice: // a diamond
        return QStringLiteral("M12 3 L21 12 L12 21 L3 12 Z");
    case StateType::Wait: // a clock
        return QStringLiteral("M12 3 A9 9 0 1 1 11.99 3 M12 7 V12 L15.5 14");
    case StateType::WaitForEvent: // a person
        return QStringLiteral("M12 4 A4 4 0 1 1 11.99 4 M4.5 21 C4.5 16 8 14 12 14 C16 14 19.5 "
                              "16 19.5 21");
    case StateType::Parallel: // two arrows side by side
        return QStringLiteral("M8 4 V19 M4.5 15.5 L8 19 L11.5 15.5 M16 4 V19 M12.5 15.5 L16 19 "
                              "L19.5 15.5");
    case StateType::Map: // a stack of sheets
        return QStringLiteral("M8 4 H20 V16 M4 8 H16 V20 H4 Z");
    case StateType::Pass: // an arrow
        return QStringLiteral("M4 12 H18 M13 7 L18 12 L13 17");
    case StateType::Succeed: // a tick
        return QStringLiteral("M5 12.5 L10 17.5 L19 7");
    case StateType::Fail: // a cross
        return QStringLiteral("M6.5 6.5 L17.5 17.5 M17.5 6.5 L6.5 17.5");
    }
    return QStringLiteral("M4 4 H20 V20 H4 Z");
}

QString badgeIcon(Badge badge)
{
    switch (badge) {
    case Badge::Retry: // a circular arrow
        return QStringLiteral("M19 12 A7 7 0 1 1 16.5 6.6 M19 3.5 V8 H14.5");
    case Badge::Catch: // a warning triangle
        return QStringLiteral("M12 3 L21 19 H3 Z M12 10 V14 M12 16.5 V17");
    case Badge::Timeout: // a small clock
        break;
    }
    return QStringLiteral("M12 4 A8 8 0 1 1 11.99 4 M12 8 V12 L14.5 13.5");
}

DiagramPalette palette(bool dark)
{
    if (dark)
        return {QColor(0x15, 0x18, 0x1d), QColor(0x2f, 0x35, 0x3f), QColor(0x23, 0x27, 0x2f),
                QColor(0x3a, 0x40, 0x4b), QColor(0xe8, 0xea, 0xed), QColor(0x9a, 0xa0, 0xa8),
                QColor(0x8b, 0x93, 0xa1), QColor(0xdc, 0x26, 0x26), QColor(0x16, 0xa3, 0x4a)};
    return {QColor(0xf7, 0xf8, 0xfa), QColor(0xd3, 0xd8, 0xdf), QColor(0xff, 0xff, 0xff),
            QColor(0xc9, 0xce, 0xd6), QColor(0x1f, 0x23, 0x28), QColor(0x5f, 0x6b, 0x7a),
            QColor(0x7a, 0x86, 0x96), QColor(0xdc, 0x26, 0x26), QColor(0x16, 0xa3, 0x4a)};
}

QString durationText(int seconds)
{
    if (seconds >= 86400 && seconds % 86400 == 0)
        return QStringLiteral("%1 d").arg(seconds / 86400);
    if (seconds >= 3600 && seconds % 3600 == 0)
        return QStringLiteral("%1 h").arg(seconds / 3600);
    if (seconds >= 120 && seconds % 60 == 0)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 s").arg(seconds);
}

QString monoFamily()
{
    return QStringLiteral("DejaVu Sans Mono");
}

QFont edgeLabelFont(bool mono)
{
    QFont font = qobject_cast<QGuiApplication *>(QCoreApplication::instance())
                     ? QGuiApplication::font()
                     : QFont();
    if (mono) {
        font.setFamily(monoFamily());
        font.setStyleHint(QFont::Monospace);
    }
    font.setPixelSize(smallFontSize);
    return font;
}

QFont badgeFont()
{
    QFont font = qobject_cast<QGuiApplication *>(QCoreApplication::instance())
                     ? QGuiApplication::font()
                     : QFont();
    font.setPixelSize(10);
    return font;
}

QList<BadgeBox> badges(const State &state, const QRectF &rect, bool diamond)
{
    QList<BadgeBox> out;
    if (!state.retry.empty())
        out.append({Badge::Retry, QObject::tr("retry"), {}});
    if (!state.catchRules.empty())
        out.append({Badge::Catch, QObject::tr("catch"), {}});
    if (state.timeoutSeconds.value_or(0) > 0)
        out.append({Badge::Timeout, durationText(*state.timeoutSeconds), {}});
    // A pill 18 high: 5 px, the icon, 2 px, the text, 5 px; 4 px between pills; 10 px from the
    // right corner (a quarter of the width on a diamond); across the top edge.
    const QFontMetricsF fm(badgeFont());
    qreal x = rect.right() - (diamond ? rect.width() / 4 : 10);
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
        const qreal width = badgeIconSize + 2 + std::ceil(fm.horizontalAdvance(it->text)) + 10;
        it->rect = QRectF(x - width, rect.top() - 9, width, 18);
        x -= width + 4;
    }
    return out;
}

void paintIcon(QPainter *painter, const QString &svgPath, const QRectF &box, const QColor &color,
               qreal strokeWidth)
{
    // The icon as a tiny SVG document: QSvgRenderer parses the path data exactly as PathSvg
    // does (arcs included), so there is no second copy of an SVG path parser here.
    const QString svg
        = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">"
                         "<path d=\"%1\" fill=\"none\" stroke=\"%2\" stroke-opacity=\"%3\" "
                         "stroke-width=\"%4\" stroke-linecap=\"round\" "
                         "stroke-linejoin=\"round\"/></svg>")
              .arg(svgPath, color.name(QColor::HexRgb))
              .arg(color.alphaF())
              .arg(strokeWidth);
    QSvgRenderer renderer(svg.toUtf8());
    renderer.render(painter, box);
}

} // namespace DiagramStyle

namespace {

std::optional<StateType> typeFromName(const QString &type)
{
    return stateTypeFromName(type.toStdString());
}

} // namespace

DiagramStyleObject::DiagramStyleObject(QObject *parent)
    : QObject(parent)
{}

QColor DiagramStyleObject::typeColor(const QString &type) const
{
    const auto t = typeFromName(type);
    return DiagramStyle::typeColor(t.value_or(StateType::Pass));
}

QString DiagramStyleObject::typeIcon(const QString &type) const
{
    const auto t = typeFromName(type);
    return t ? DiagramStyle::typeIcon(*t) : QStringLiteral("M4 4 H20 V20 H4 Z");
}

QString DiagramStyleObject::badgeIcon(const QString &badge) const
{
    if (badge == QLatin1String("retry"))
        return DiagramStyle::badgeIcon(DiagramStyle::Badge::Retry);
    if (badge == QLatin1String("catch"))
        return DiagramStyle::badgeIcon(DiagramStyle::Badge::Catch);
    return DiagramStyle::badgeIcon(DiagramStyle::Badge::Timeout);
}

QVariantMap DiagramStyleObject::palette(bool dark) const
{
    const DiagramPalette p = DiagramStyle::palette(dark);
    return {{QStringLiteral("canvas"), p.canvas},     {QStringLiteral("canvasDot"), p.canvasDot},
            {QStringLiteral("nodeFill"), p.nodeFill}, {QStringLiteral("nodeBorder"), p.nodeBorder},
            {QStringLiteral("text"), p.text},         {QStringLiteral("textMuted"), p.textMuted},
            {QStringLiteral("edge"), p.edge},         {QStringLiteral("edgeCatch"), p.edgeCatch},
            {QStringLiteral("success"), p.success}};
}

QString DiagramStyleObject::durationText(int seconds) const
{
    return DiagramStyle::durationText(seconds);
}

} // namespace Signalbox
