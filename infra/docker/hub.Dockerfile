# syntax=docker/dockerfile:1
# One AI hub: an Orleans silo with the hub's staff API, identity server and feed. Silo-to-silo 11111, gateway 30000.
# Build from the repository root:  docker build -f infra/docker/hub.Dockerfile -t ai-hub-federation/hub:$VERSION .
# Base images are pinned to exact .NET patch releases (the SDK of global.json, the runtime it ships with); pin their
# digests too in a registry you control, and move both forward together.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401-noble
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.12-noble

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# Restore from the project files alone first, so that a change of code does not repeat the restore.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY shared/Federation.Contracts/Federation.Contracts.csproj shared/Federation.Contracts/
COPY shared/Federation.Rdf/Federation.Rdf.csproj shared/Federation.Rdf/
COPY shared/Federation.Clients/Federation.Clients.csproj shared/Federation.Clients/
COPY shared/Federation.Trust/Federation.Trust.csproj shared/Federation.Trust/
COPY shared/Federation.ServiceDefaults/Federation.ServiceDefaults.csproj shared/Federation.ServiceDefaults/
COPY services/Hub/Hub.csproj services/Hub/
RUN dotnet restore services/Hub/Hub.csproj
COPY shared/ shared/
COPY services/Hub/ services/Hub/
RUN dotnet publish services/Hub/Hub.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM ${RUNTIME_IMAGE}
WORKDIR /app
# The files stay root's and read-only: the service runs as the image's unprivileged user and cannot alter its code.
COPY --from=build /app ./
# The one folder the service writes to, owned by its user; a fresh volume mounted here takes that ownership.
RUN mkdir -p /var/lib/federation/artifacts && chown $APP_UID /var/lib/federation/artifacts
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=0 \
    MALLOC_ARENA_MAX=2 \
    Serilog__Json=true
EXPOSE 8080 11111 30000
# The service asks itself (no curl in the image): healthy once its database and broker answer.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["dotnet", "Federation.Hub.dll", "--probe"]
ENTRYPOINT ["dotnet", "Federation.Hub.dll"]
