#include "diagramexport.h"

namespace Signalbox::Cli {

namespace {
DiagramExporter &registered()
{
    static DiagramExporter exporter;
    return exporter;
}
} // namespace

void setDiagramExporter(DiagramExporter exporter)
{
    registered() = std::move(exporter);
}

DiagramExporter diagramExporter()
{
    return registered();
}

} // namespace Signalbox::Cli
