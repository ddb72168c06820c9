#include "diagramrenderer.h"

#include "containerlayout.h"
#include "diagramstyle.h"
#include "edgesmodel.h"
#include "nodegeometry.h"
#include "nodesmodel.h"
#include "workflowdocument.h"

#include "signalbox/statetypes.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>

#include <cmath>

namespace Signalbox {

// Every measure here is the one of the QML item it mirrors (named in the comments); the pixel
// comparison in tests/qml/tst_diagramexport.cpp keeps the two together.
namespace {

constexpr qreal nodeRadius = 8;       // Theme.radius
constexpr qreal frameRadius = 10;     // ContainerFrame
constexpr qreal iconDisc = 32;        // the tinted disc behind a box's icon
constexpr qreal boxIcon = 18;         // Icon size in the disc
constexpr qreal terminalIcon = 16;    // Icon size in a succeed / fail pill
constexpr qreal defaultStroke = 1.8;  // Icon.strokeWidth
constexpr qreal terminalStroke = 2.4; //

QColor withAlpha(QColor c, qreal alpha)
{
    c.setAlphaF(float(alpha));
    return c;
}

// Qt.tint(base, rgba(accent, alpha)): the accent blended over the base.
QColor tint(const QColor &base, const QColor &accent, qreal alpha)
{
    return QColor::fromRgbF(float(base.redF() * (1 - alpha) + accent.redF() * alpha),
                            float(base.greenF() * (1 - alpha) + accent.greenF() * alpha),
                            float(base.blueF() * (1 - alpha) + accent.blueF() * alpha));
}

QFont uiFont(int pixelSize, bool bold = false)
{
    QFont font = QGuiApplication::font();
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

qreal lineHeight(const QFont &font)
{
    return QFontMetricsF(font).height();
}

qreal textWidth(const QFont &font, const QString &text)
{
    return std::ceil(QFontMetricsF(font).horizontalAdvance(text));
}

// One line of a Label at `topLeft`, elided to `width`.
void drawLine(QPainter *painter, const QFont &font, const QColor &color, const QPointF &topLeft,
              qreal width, const QString &text)
{
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(QRectF(topLeft, QSizeF(width, lineHeight(font))),
                      Qt::AlignLeft | Qt::AlignTop,
                      QFontMetricsF(font).elidedText(text, Qt::ElideRight, width));
}

// A Rectangle with a border: QML draws the border inside the rectangle.
void drawBorderedRect(QPainter *painter, const QRectF &rect, qreal radius, const QColor &fill,
                      const QColor &border, qreal borderWidth)
{
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, radius, radius);
    if (borderWidth <= 0)
        return;
    const qreal h = borderWidth / 2;
    painter->setPen(QPen(border, borderWidth));
    painter->setBrush(Qt::NoBrush);
    const QRectF inner = rect.adjusted(h, h, -h, -h);
    painter->drawRoundedRect(inner, std::max<qreal>(0, radius - h), std::max<qreal>(0, radius - h));
}

// The tinted disc of a box or a frame's header around its type icon.
void drawIconDisc(QPainter *painter, const QRectF &icon, StateType type, bool dark)
{
    const QColor accent = DiagramStyle::typeColor(type);
    const qreal inset = (iconDisc - boxIcon) / 2;
    painter->setPen(Qt::NoPen);
    painter->setBrush(withAlpha(accent, dark ? 0.25 : 0.12));
    painter->drawEllipse(icon.adjusted(-inset, -inset, inset, inset));
    DiagramStyle::paintIcon(painter, DiagramStyle::typeIcon(type), icon, accent, defaultStroke);
}

QString typeLine(const State &s)
{
    const QString detail = NodesModel::subtitleFor(s);
    return detail.isEmpty() ? typeLabel(s) : typeLabel(s) + QStringLiteral(" · ") + detail;
}

} // namespace

DiagramRenderer::DiagramRenderer(const WorkflowDocument &document, Options options)
    : m_document(document)
    , m_options(options)
{}

QRectF DiagramRenderer::sceneRect() const
{
    QRectF r;
    const SceneLayout scene(m_document.definition(), m_document.positions());
    for (const SceneNode &n : scene.nodes())
        r = r.united(n.rect.adjusted(0, -10, n.expanded ? 10 : 0, n.expanded ? 10 : 0));
    for (const EdgesModel::Edge &e : EdgesModel::computeEdges(scene))
        r = r.united(e.geometry.boundingRect()).united(e.labelRect);
    r.adjust(0, -30, 0, 0); // the start marker
    return r.adjusted(-m_options.margin, -m_options.margin, m_options.margin, m_options.margin);
}

QImage DiagramRenderer::toImage() const
{
    const QRectF scene = sceneRect();
    QImage image((scene.size() * m_options.scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(m_options.scale);
    QPainter painter(&image);
    paint(&painter);
    return image;
}

QByteArray DiagramRenderer::toSvg() const
{
    const QRectF scene = sceneRect();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(scene.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), scene.size()));
    svg.setTitle(QString::fromStdString(m_document.definition().name));
    svg.setDescription(QStringLiteral("Workflow diagram exported by Signalbox"));
    QPainter painter(&svg);
    paint(&painter);
    painter.end();
    return buffer.data();
}

void DiagramRenderer::paint(QPainter *painter) const
{
    const DiagramPalette pal = DiagramStyle::palette(m_options.dark);
    const QRectF scene = sceneRect();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->fillRect(QRectF(QPointF(0, 0), scene.size()), pal.canvas);
    painter->translate(-scene.topLeft());

    const SceneLayout layout(m_document.definition(), m_document.positions());
    const QList<EdgesModel::Edge> edges = EdgesModel::computeEdges(layout);
    // As on the canvas: container frames under the edges (outer before inner), nodes on top.
    for (const SceneNode &n : layout.nodes())
        if (n.expanded)
            paintContainer(painter, n, pal);
    for (const EdgesModel::Edge &e : edges) {
        // EdgeDelegate: the curve, the arrowhead, the label's pill.
        const bool error = e.kind == EdgesModel::Kind::Catch;
        const QColor color = error ? pal.edgeCatch : pal.edge;
        QPen pen(color, 1.6, Qt::SolidLine, Qt::RoundCap);
        if (error)
            pen.setDashPattern({4, 3});
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(e.geometry.path());
        painter->setPen(QPen(color, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(color);
        painter->drawPolygon(e.geometry.arrow);
        if (e.label.isEmpty())
            continue;
        const QRectF box = e.labelRect;
        drawBorderedRect(painter, box, box.height() / 2, pal.nodeFill,
                         error ? pal.edgeCatch : pal.nodeBorder, 1);
        painter->setFont(EdgesModel::labelFont(e.kind));
        painter->setPen(error ? pal.edgeCatch : pal.textMuted);
        painter->drawText(box, Qt::AlignCenter, e.label);
    }
    const std::string &start = m_document.definition().machine.startAt;
    for (const SceneNode &n : layout.nodes()) {
        if (n.depth == 0 && n.state->name == start)
            paintStartMarker(painter, n.rect, pal);
        if (!n.expanded)
            paintNode(painter, n, pal);
    }
}

QRectF DiagramRenderer::iconRect(const SceneNode &node)
{
    const QRectF rect = node.rect;
    const qreal inset = (iconDisc - boxIcon) / 2;
    if (node.expanded) // in the header's disc
        return {rect.left() + 14 + inset, rect.top() + 10 + inset, boxIcon, boxIcon};
    switch (nodeShape(node.state->type)) {
    case NodeShape::Diamond:
        return {};
    case NodeShape::Terminal: {
        // Left of the name, the two centred as one row.
        const QFont nameFont = uiFont(DiagramStyle::fontSize, true);
        const qreal nameWidth = std::min(textWidth(nameFont, node.name), rect.width() - 48);
        const qreal rowWidth = terminalIcon + 6 + nameWidth;
        return {rect.center().x() - rowWidth / 2, rect.center().y() - terminalIcon / 2,
                terminalIcon, terminalIcon};
    }
    case NodeShape::Box:
        break;
    }
    return {rect.left() + 14 + inset, rect.center().y() - boxIcon / 2, boxIcon, boxIcon};
}

void DiagramRenderer::paintStartMarker(QPainter *painter, const QRectF &rect,
                                       const DiagramPalette &pal) const
{
    // NodeDelegate's start marker: a dot, a stem and an arrowhead onto the top edge.
    const qreal x = rect.center().x();
    painter->setPen(Qt::NoPen);
    painter->setBrush(pal.success);
    painter->drawEllipse(QRectF(x - 6, rect.top() - 30, 12, 12));
    painter->setBrush(pal.edge);
    painter->drawRect(QRectF(x - 0.75, rect.top() - 19, 1.5, 12));
    painter->drawPolygon(QPolygonF(
        {QPointF(x, rect.top()), QPointF(x - 4, rect.top() - 8), QPointF(x + 4, rect.top() - 8)}));
}

void DiagramRenderer::paintContainer(QPainter *painter, const SceneNode &node,
                                     const DiagramPalette &pal) const
{
    // ContainerFrame, as the designer draws it (border 2 in the type's colour).
    const State &s = *node.state;
    const bool dark = m_options.dark;
    const QColor accent = DiagramStyle::typeColor(s.type);
    const QRectF rect = node.rect;
    if (stateTypeInfo(s.type).iterates) // a stack: two sheets behind the frame
        for (const qreal offset : {10.0, 5.0})
            drawBorderedRect(painter, rect.translated(offset, offset), frameRadius, pal.nodeFill,
                             pal.nodeBorder, 1);
    painter->setPen(Qt::NoPen);
    painter->setBrush(dark ? QColor(0, 0, 0, 0x40) : QColor(0, 0, 0, 0x12));
    painter->drawRoundedRect(rect.translated(0, 2), frameRadius, frameRadius);
    drawBorderedRect(painter, rect, frameRadius, tint(pal.nodeFill, accent, dark ? 0.12 : 0.07),
                     accent, 2);

    // Header: icon disc, name, type line.
    const QFont nameFont = uiFont(DiagramStyle::fontSize, true);
    const QFont smallFont = uiFont(DiagramStyle::smallFontSize);
    drawIconDisc(painter, iconRect(node), s.type, dark);
    const qreal textLeft = 14 + iconDisc + 10;
    const qreal width = rect.width() - textLeft - 12;
    drawLine(painter, nameFont, pal.text, rect.topLeft() + QPointF(textLeft, 10), width, node.name);
    drawLine(painter, smallFont, pal.textMuted,
             rect.topLeft() + QPointF(textLeft, 10 + lineHeight(nameFont) + 2), width, typeLine(s));

    // Lanes: one per branch (one for the item processor), dashed, with their title.
    const QFont laneFont = uiFont(DiagramStyle::smallFontSize, true);
    for (const ContainerLane &lane : node.lanes) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(withAlpha(pal.canvas, 0.85));
        painter->drawRoundedRect(lane.rect, 8, 8);
        QPen dash(pal.nodeBorder, 1);
        dash.setDashPattern({4, 3});
        painter->setPen(dash);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(lane.rect.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
        drawLine(painter, laneFont, pal.textMuted, lane.rect.topLeft() + QPointF(12, 7),
                 lane.rect.width() - 24, lane.title);
    }
    paintBadges(painter, node, pal);
}

void DiagramRenderer::paintNode(QPainter *painter, const SceneNode &node,
                                const DiagramPalette &pal) const
{
    // NodeDelegate, unselected and without problems.
    const State &s = *node.state;
    const bool dark = m_options.dark;
    const QColor accent = DiagramStyle::typeColor(s.type);
    const QRectF rect = node.rect;
    const QFont nameFont = uiFont(DiagramStyle::fontSize, true);
    const QFont smallFont = uiFont(DiagramStyle::smallFontSize);
    const qreal nameHeight = lineHeight(nameFont);
    const qreal smallHeight = lineHeight(smallFont);
    const QColor shadow = dark ? QColor(0, 0, 0, 0x40) : QColor(0, 0, 0, 0x14);

    switch (nodeShape(s.type)) {
    case NodeShape::Diamond: {
        const QPolygonF diamond(
            {QPointF(rect.center().x(), rect.top()), QPointF(rect.right(), rect.center().y()),
             QPointF(rect.center().x(), rect.bottom()), QPointF(rect.left(), rect.center().y())});
        painter->setPen(QPen(accent, 1.5, Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin));
        painter->setBrush(tint(pal.nodeFill, accent, dark ? 0.22 : 0.10));
        painter->drawPolygon(diamond);
        // A column of the name and the rules, centred.
        const qreal nameWidth = std::min(textWidth(nameFont, node.name), rect.width() - 56);
        const QString rules = NodesModel::subtitleFor(s);
        const qreal top = rect.center().y() - (nameHeight + 1 + smallHeight) / 2;
        drawLine(painter, nameFont, pal.text, QPointF(rect.center().x() - nameWidth / 2, top),
                 nameWidth, node.name);
        const qreal rulesWidth = textWidth(smallFont, rules);
        drawLine(painter, smallFont, pal.textMuted,
                 QPointF(rect.center().x() - rulesWidth / 2, top + nameHeight + 1), rulesWidth,
                 rules);
        break;
    }
    case NodeShape::Terminal: {
        const qreal radius = rect.height() / 2;
        painter->setPen(Qt::NoPen);
        painter->setBrush(shadow);
        painter->drawRoundedRect(rect.translated(0, 2), radius, radius);
        drawBorderedRect(painter, rect, radius, tint(pal.nodeFill, accent, dark ? 0.28 : 0.12),
                         accent, 1);
        // A row of the icon and the name, centred.
        const QRectF icon = iconRect(node);
        DiagramStyle::paintIcon(painter, DiagramStyle::typeIcon(s.type), icon, accent,
                                terminalStroke);
        drawLine(painter, nameFont, pal.text,
                 QPointF(icon.right() + 6, rect.center().y() - nameHeight / 2),
                 std::min(textWidth(nameFont, node.name), rect.width() - 48), node.name);
        break;
    }
    case NodeShape::Box: {
        painter->setPen(Qt::NoPen);
        painter->setBrush(shadow);
        painter->drawRoundedRect(rect.translated(0, 2), nodeRadius, nodeRadius);
        drawBorderedRect(painter, rect, nodeRadius, pal.nodeFill, pal.nodeBorder, 1);
        painter->setPen(Qt::NoPen);
        painter->setBrush(accent); // the type's accent bar
        painter->drawRoundedRect(QRectF(rect.left() + 1, rect.top() + 1, 4, rect.height() - 2), 2,
                                 2);
        drawIconDisc(painter, iconRect(node), s.type, dark);
        const qreal left = rect.left() + 14 + iconDisc + 10;
        const qreal width = rect.width() - 14 - iconDisc - 10 - 10;
        const qreal top = rect.center().y() - (nameHeight + 2 + smallHeight) / 2;
        drawLine(painter, nameFont, pal.text, QPointF(left, top), width, node.name);
        drawLine(painter, smallFont, pal.textMuted, QPointF(left, top + nameHeight + 2), width,
                 typeLine(s));
        break;
    }
    }
    paintBadges(painter, node, pal);
}

void DiagramRenderer::paintBadges(QPainter *painter, const SceneNode &node,
                                  const DiagramPalette &pal) const
{
    // NodeDelegate's badges on the top edge (Badge.qml): retry, catch, timeout.
    const State &s = *node.state;
    const bool diamond = !node.expanded && nodeShape(s.type) == NodeShape::Diamond;
    const QFont font = DiagramStyle::badgeFont();
    constexpr qreal icon = DiagramStyle::badgeIconSize;
    for (const DiagramStyle::BadgeBox &b : DiagramStyle::badges(s, node.rect, diamond)) {
        const QRectF &box = b.rect;
        drawBorderedRect(painter, box, box.height() / 2, pal.nodeFill, pal.nodeBorder, 1);
        DiagramStyle::paintIcon(painter, DiagramStyle::badgeIcon(b.badge),
                                QRectF(box.left() + 5, box.center().y() - icon / 2, icon, icon),
                                pal.textMuted, 2.4);
        drawLine(painter, font, pal.textMuted,
                 QPointF(box.left() + 5 + icon + 2, box.center().y() - lineHeight(font) / 2),
                 box.width() - icon - 12, b.text);
    }
}

bool DiagramRenderer::render(const Definition &definition, const QString &format, QByteArray *data,
                             QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        if (error)
            *error = QObject::tr("Rendering a diagram needs the GUI libraries");
        return false;
    }
    WorkflowDocument document;
    WorkflowDocument::Snapshot snapshot{definition, WorkflowDocument::positionsFor(definition), {}};
    document.restore(snapshot);
    DiagramRenderer renderer(document);
    if (format == QLatin1String("svg")) {
        *data = renderer.toSvg();
        return true;
    }
    if (format == QLatin1String("png")) {
        QBuffer buffer(data);
        buffer.open(QIODevice::WriteOnly);
        if (renderer.toImage().save(&buffer, "PNG"))
            return true;
        if (error)
            *error = QObject::tr("Could not encode the PNG image");
        return false;
    }
    if (error)
        *error = QObject::tr("Unknown diagram format %1 (use png or svg)").arg(format);
    return false;
}

} // namespace Signalbox
