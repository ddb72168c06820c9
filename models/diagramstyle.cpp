#include "diagramstyle.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QSvgRenderer>

#include <cmath>
#include <vector>

namespace Signalbox {

namespace DiagramStyle {

const TypeStyle &typeStyle(StateType type)
{
    // One row per StateType, in enum order: how the designer, the monitor and the PNG/SVG export
    // show the type. What the type can do (catch, retry, next...) is the engine's table
    // (signalbox/statetypes.h).
    static const std::vector<TypeStyle> rows = [] {
        std::vector<TypeStyle> r;
        r.push_back({StateType::Task,
                     QColor(0x25, 0x63, 0xeb),
                     // a terminal window with a prompt
                     QStringLiteral("M4 5 H20 V19 H4 Z M7.5 9.5 L10.5 12 L7.5 14.5 M12.5 15 H16.5"),
                     NodeShape::Box,
                     QStringLiteral("Task"),
                     QStringLiteral("Task"),
                     QStringLiteral("Run a command, call HTTP, or wait for a worker"),
                     {QStringLiteral("run")}});
        r.push_back({StateType::Choice,
                     QColor(0xd9, 0x77, 0x06),
                     QStringLiteral("M12 3 L21 12 L12 21 L3 12 Z"), // a diamond
                     NodeShape::Diamond,
                     QStringLiteral("Choice"),
                     QStringLiteral("Choice"),
                     QStringLiteral("Branch on the data"),
                     {QStringLiteral("choices")}});
        r.push_back({StateType::Wait,
                     QColor(0x0d, 0x94, 0x88),
                     QStringLiteral("M12 3 A9 9 0 1 1 11.99 3 M12 7 V12 L15.5 14"), // a clock
                     NodeShape::Box,
                     QStringLiteral("Wait"),
                     QStringLiteral("Wait"),
                     QStringLiteral("Pause for a time"),
                     {QStringLiteral("wait")}});
        r.push_back({StateType::WaitForEvent,
                     QColor(0x7c, 0x3a, 0xed),
                     // a person
                     QStringLiteral("M12 4 A4 4 0 1 1 11.99 4 M4.5 21 C4.5 16 8 14 12 14 C16 14 "
                                    "19.5 16 19.5 21"),
                     NodeShape::Box,
                     QStringLiteral("Wait for event"),
                     QStringLiteral("Approval"),
                     QStringLiteral("Wait for a person or an event"),
                     {QStringLiteral("event")}});
        r.push_back({StateType::Parallel,
                     QColor(0x4f, 0x46, 0xe5),
                     // two arrows side by side
                     QStringLiteral("M8 4 V19 M4.5 15.5 L8 19 L11.5 15.5 M16 4 V19 M12.5 15.5 "
                                    "L16 19 L19.5 15.5"),
                     NodeShape::Box,
                     QStringLiteral("Parallel"),
                     QStringLiteral("Parallel"),
                     QStringLiteral("Run branches at the same time"),
                     {QStringLiteral("nested")}});
        r.push_back({StateType::Map,
                     QColor(0x08, 0x91, 0xb2),
                     QStringLiteral("M8 4 H20 V16 M4 8 H16 V20 H4 Z"), // a stack of sheets
                     NodeShape::Box,
                     QStringLiteral("Map"),
                     QStringLiteral("Map"),
                     QStringLiteral("Run steps for each item"),
                     {QStringLiteral("items"), QStringLiteral("nested")}});
        r.push_back({StateType::Pass,
                     QColor(0x64, 0x74, 0x8b),
                     QStringLiteral("M4 12 H18 M13 7 L18 12 L13 17"), // an arrow
                     NodeShape::Box,
                     QStringLiteral("Pass"),
                     QStringLiteral("Pass"),
                     QStringLiteral("Shape the data"),
                     {QStringLiteral("result")}});
        r.push_back({StateType::Succeed,
                     QColor(0x16, 0xa3, 0x4a),
                     QStringLiteral("M5 12.5 L10 17.5 L19 7"), // a tick
                     NodeShape::Terminal,
                     QStringLiteral("Succeed"),
                     QStringLiteral("Succeed"),
                     QStringLiteral("End successfully"),
                     {}});
        r.push_back({StateType::Fail,
                     QColor(0xdc, 0x26, 0x26),
                     QStringLiteral("M6.5 6.5 L17.5 17.5 M17.5 6.5 L6.5 17.5"), // a cross
                     NodeShape::Terminal,
                     QStringLiteral("Fail"),
                     QStringLiteral("Fail"),
                     QStringLiteral("End with an error"),
                     {QStringLiteral("error")}});
        for (std::size_t i = 0; i < r.size(); ++i)
            Q_ASSERT(int(r[i].type) == int(i));
        return r;
    }();
    const std::size_t i = std::size_t(type);
    return rows[i < rows.size() ? i : std::size_t(StateType::Pass)];
}

QColor typeColor(StateType type)
{
    return typeStyle(type).color;
}

QString typeIcon(StateType type)
{
    return typeStyle(type).icon;
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

DiagramStyleObject::DiagramStyleObject(QObject *parent)
    : QObject(parent)
{}

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
