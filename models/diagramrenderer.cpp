#include "diagramrenderer.h"

#include "containerlayout.h"
#include "edgesmodel.h"
#include "nodegeometry.h"
#include "nodesmodel.h"
#include "workflowdocument.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QPainter>
#include <QSvgGenerator>

namespace Signalbox {

namespace {

struct Palette
{
    QColor background, nodeFill, nodeBorder, text, muted, edge, labelFill;
};

Palette paletteFor(bool dark)
{
    if (dark)
        return {QColor("#15181d"), QColor("#23272f"), QColor("#3a404b"), QColor("#e8eaed"),
                QColor("#9aa0a8"), QColor("#8b93a1"), QColor("#23272f")};
    return {QColor("#f7f8fa"), QColor("#ffffff"), QColor("#c9ced6"), QColor("#1f2328"),
            QColor("#5f6b7a"), QColor("#7a8696"), QColor("#ffffff")};
}

} // namespace

DiagramRenderer::DiagramRenderer(const WorkflowDocument &document, Options options)
    : m_document(document)
    , m_options(options)
{}

QColor DiagramRenderer::typeColor(StateType type)
{
    switch (type) {
    case StateType::Task:
        return QColor("#2563eb");
    case StateType::Choice:
        return QColor("#d97706");
    case StateType::Wait:
        return QColor("#0d9488");
    case StateType::WaitForEvent:
        return QColor("#7c3aed");
    case StateType::Parallel:
        return QColor("#4f46e5");
    case StateType::Map:
        return QColor("#0891b2");
    case StateType::Pass:
        return QColor("#64748b");
    case StateType::Succeed:
        return QColor("#16a34a");
    case StateType::Fail:
        return QColor("#dc2626");
    }
    return QColor("#64748b");
}

QRectF DiagramRenderer::sceneRect() const
{
    QRectF r;
    const SceneLayout scene(m_document.definition(), m_document.positions());
    for (const SceneNode &n : scene.nodes())
        r = r.united(n.rect.adjusted(0, -10, 0, 0)); // badges above the top edge
    for (const EdgesModel::Edge &e : EdgesModel::computeEdges(scene))
        r = r.united(e.geometry.boundingRect());
    r.adjust(0, -28, 0, 0); // the start marker
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
    const Palette pal = paletteFor(m_options.dark);
    const QRectF scene = sceneRect();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->fillRect(QRectF(QPointF(0, 0), scene.size()), pal.background);
    painter->translate(-scene.topLeft());

    QFont labelFont = QGuiApplication::font();
    labelFont.setPixelSize(11);
    const SceneLayout layout(m_document.definition(), m_document.positions());
    const QList<EdgesModel::Edge> edges = EdgesModel::computeEdges(layout);
    // Container frames first (outer before inner), so their content and edges are on top.
    for (const SceneNode &n : layout.nodes())
        if (n.expanded)
            paintContainer(painter, *n.state, n);
    for (const EdgesModel::Edge &e : edges) {
        QPen pen(e.kind == EdgesModel::Kind::Catch ? QColor("#dc2626") : pal.edge, 1.6);
        if (e.kind == EdgesModel::Kind::Catch)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(e.geometry.path());
        painter->setPen(Qt::NoPen);
        painter->setBrush(pen.color());
        painter->drawPolygon(e.geometry.arrow);
    }
    const std::string &start = m_document.definition().machine.startAt;
    for (const SceneNode &n : layout.nodes()) {
        const State &s = *n.state;
        const QRectF rect = n.rect;
        if (s.name == start && n.depth == 0) {
            const QPointF top(rect.center().x(), rect.top());
            painter->setPen(QPen(pal.edge, 1.6));
            painter->drawLine(top - QPointF(0, 22), top - QPointF(0, 6));
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor("#16a34a"));
            painter->drawEllipse(top - QPointF(0, 26), 6, 6);
            painter->setBrush(pal.edge);
            painter->drawPolygon(QPolygonF({top, top + QPointF(-4, -7), top + QPointF(4, -7)}));
        }
        if (!n.expanded)
            paintNode(painter, s, rect);
    }
    // Labels last, so nodes never hide them.
    for (const EdgesModel::Edge &e : edges) {
        if (e.label.isEmpty())
            continue;
        painter->setFont(labelFont);
        const QFontMetricsF fm(labelFont);
        QRectF box(0, 0, fm.horizontalAdvance(e.label) + 12, fm.height() + 4);
        box.moveCenter(e.geometry.labelPos);
        painter->setPen(
            QPen(e.kind == EdgesModel::Kind::Catch ? QColor("#dc2626") : pal.nodeBorder, 1));
        painter->setBrush(pal.labelFill);
        painter->drawRoundedRect(box, box.height() / 2, box.height() / 2);
        painter->setPen(e.kind == EdgesModel::Kind::Catch ? QColor("#dc2626") : pal.muted);
        painter->drawText(box, Qt::AlignCenter, e.label);
    }
}

void DiagramRenderer::paintContainer(QPainter *painter, const State &s, const SceneNode &node) const
{
    const Palette pal = paletteFor(m_options.dark);
    const QColor accent = typeColor(s.type);
    const QRectF rect = node.rect;
    QColor tint = accent;
    tint.setAlpha(m_options.dark ? 26 : 12);
    if (s.type == StateType::Map) {
        // A map is a stack: two offset sheets behind the frame.
        for (int i = 2; i >= 1; --i) {
            painter->setPen(QPen(pal.nodeBorder, 1));
            painter->setBrush(pal.nodeFill);
            painter->drawRoundedRect(rect.translated(5 * i, 5 * i), 10, 10);
        }
    }
    painter->setPen(QPen(accent, 1.5));
    painter->setBrush(pal.nodeFill);
    painter->drawRoundedRect(rect, 10, 10);
    painter->setBrush(tint);
    painter->drawRoundedRect(rect, 10, 10);
    // Header: icon disc, name, type and count.
    QFont nameFont = QGuiApplication::font();
    nameFont.setPixelSize(13);
    nameFont.setBold(true);
    QFont smallFont = QGuiApplication::font();
    smallFont.setPixelSize(11);
    QColor disc = accent;
    disc.setAlpha(m_options.dark ? 70 : 30);
    painter->setPen(Qt::NoPen);
    painter->setBrush(disc);
    const QRectF icon(rect.left() + 14, rect.top() + 11, 30, 30);
    painter->drawEllipse(icon);
    painter->setPen(accent);
    painter->setFont(nameFont);
    painter->drawText(icon, Qt::AlignCenter, stateTypeLabel(s.type).left(1));
    const qreal textWidth = rect.width() - 64;
    painter->setPen(pal.text);
    painter->drawText(QRectF(rect.left() + 54, rect.top() + 8, textWidth, 20),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(nameFont).elidedText(QString::fromStdString(s.name),
                                                         Qt::ElideRight, textWidth));
    painter->setFont(smallFont);
    painter->setPen(pal.muted);
    painter->drawText(
        QRectF(rect.left() + 54, rect.top() + 27, textWidth, 18), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(smallFont).elidedText(stateTypeLabel(s.type) + QStringLiteral(" · ")
                                                + NodesModel::subtitleFor(s),
                                            Qt::ElideRight, textWidth));
    // Lanes: one per branch (one for the item processor), dashed, with their title.
    for (const ContainerLane &lane : node.lanes) {
        QPen pen(pal.nodeBorder, 1, Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(pal.background);
        painter->drawRoundedRect(lane.rect, 8, 8);
        painter->setPen(pal.muted);
        painter->drawText(lane.rect.adjusted(12, 4, -12, 0), Qt::AlignLeft | Qt::AlignTop,
                          lane.title);
    }
    paintBadges(painter, s, rect);
}

void DiagramRenderer::paintNode(QPainter *painter, const State &s, const QRectF &rect) const
{
    const Palette pal = paletteFor(m_options.dark);
    const QColor accent = typeColor(s.type);
    const QString name = QString::fromStdString(s.name);
    QFont nameFont = QGuiApplication::font();
    nameFont.setPixelSize(13);
    nameFont.setBold(true);
    QFont smallFont = QGuiApplication::font();
    smallFont.setPixelSize(11);

    painter->setPen(QPen(pal.nodeBorder, 1));
    switch (nodeShape(s.type)) {
    case NodeShape::Diamond: {
        const QPolygonF diamond(
            {QPointF(rect.center().x(), rect.top()), QPointF(rect.right(), rect.center().y()),
             QPointF(rect.center().x(), rect.bottom()), QPointF(rect.left(), rect.center().y())});
        QColor fill = accent;
        fill.setAlpha(m_options.dark ? 60 : 28);
        painter->setBrush(pal.nodeFill);
        painter->setPen(QPen(accent, 1.5));
        painter->drawPolygon(diamond);
        painter->setBrush(fill);
        painter->drawPolygon(diamond);
        painter->setFont(nameFont);
        painter->setPen(pal.text);
        painter->drawText(
            rect.adjusted(24, 0, -24, -8), Qt::AlignCenter,
            QFontMetricsF(nameFont).elidedText(name, Qt::ElideRight, rect.width() - 48));
        painter->setFont(smallFont);
        painter->setPen(pal.muted);
        painter->drawText(rect.adjusted(0, 30, 0, 0), Qt::AlignCenter, QObject::tr("Choice"));
        return;
    }
    case NodeShape::Terminal: {
        QColor fill = accent;
        fill.setAlpha(m_options.dark ? 70 : 36);
        painter->setBrush(pal.nodeFill);
        painter->setPen(QPen(accent, 1.5));
        painter->drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
        painter->setBrush(fill);
        painter->drawRoundedRect(rect, rect.height() / 2, rect.height() / 2);
        painter->setFont(nameFont);
        painter->setPen(pal.text);
        painter->drawText(
            rect.adjusted(12, 0, -12, 0), Qt::AlignCenter,
            QFontMetricsF(nameFont).elidedText(name, Qt::ElideRight, rect.width() - 24));
        return;
    }
    case NodeShape::Box:
        break;
    }
    painter->setBrush(pal.nodeFill);
    painter->drawRoundedRect(rect, 8, 8);
    // Type accent: a coloured bar on the left and a tinted icon disc.
    QPainterPath bar;
    bar.addRoundedRect(QRectF(rect.left(), rect.top(), 10, rect.height()), 8, 8);
    QPainterPath clip;
    clip.addRect(QRectF(rect.left(), rect.top(), 4, rect.height()));
    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawPath(bar.intersected(clip));
    QColor disc = accent;
    disc.setAlpha(m_options.dark ? 70 : 30);
    painter->setBrush(disc);
    const QRectF icon(rect.left() + 14, rect.center().y() - 15, 30, 30);
    painter->drawEllipse(icon);
    painter->setPen(accent);
    painter->setFont(nameFont);
    painter->drawText(icon, Qt::AlignCenter, stateTypeLabel(s.type).left(1));
    const QRectF text = rect.adjusted(54, 9, -10, -9);
    painter->setPen(pal.text);
    painter->drawText(QRectF(text.left(), text.top(), text.width(), 20),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(nameFont).elidedText(name, Qt::ElideRight, text.width()));
    painter->setFont(smallFont);
    painter->setPen(pal.muted);
    QString subtitle
        = s.type == StateType::WaitForEvent
              ? (s.eventKind == "event" ? QObject::tr("Event") : QObject::tr("Approval"))
              : stateTypeLabel(s.type);
    const QString detail = NodesModel::subtitleFor(s);
    if (!detail.isEmpty())
        subtitle += QStringLiteral(" · ") + detail;
    painter->drawText(QRectF(text.left(), text.top() + 22, text.width(), 18),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(smallFont).elidedText(subtitle, Qt::ElideRight, text.width()));
    paintBadges(painter, s, rect);
}

void DiagramRenderer::paintBadges(QPainter *painter, const State &s, const QRectF &rect) const
{
    const Palette pal = paletteFor(m_options.dark);
    QFont smallFont = QGuiApplication::font();
    smallFont.setPixelSize(11);
    painter->setFont(smallFont);
    // Badges: retry and catch counts.
    QStringList badges;
    if (!s.retry.empty())
        badges << QObject::tr("retry");
    if (!s.catchRules.empty())
        badges << QObject::tr("catch");
    if (s.timeoutSeconds)
        badges << QObject::tr("timeout");
    qreal x = rect.right() - 8;
    for (const QString &b : std::as_const(badges)) {
        const qreal w = QFontMetricsF(smallFont).horizontalAdvance(b) + 10;
        const QRectF box(x - w, rect.top() - 8, w, 16);
        painter->setPen(QPen(pal.nodeBorder, 1));
        painter->setBrush(pal.nodeFill);
        painter->drawRoundedRect(box, 8, 8);
        painter->setPen(pal.muted);
        painter->drawText(box, Qt::AlignCenter, b);
        x -= w + 4;
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
