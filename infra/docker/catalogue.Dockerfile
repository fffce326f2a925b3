# syntax=docker/dockerfile:1
# The central catalogue: consumes the hubs' feeds into Marten and serves search, exports and the hub registry.
# Build from the repository root:  docker build -f infra/docker/catalogue.Dockerfile -t ai-hub-federation/catalogue:$VERSION .
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
COPY shared/Federation.Trust/Federation.Trust.csproj shared/Federation.Trust/
COPY shared/Federation.ServiceDefaults/Federation.ServiceDefaults.csproj shared/Federation.ServiceDefaults/
COPY services/Catalogue/Catalogue.csproj services/Catalogue/
RUN dotnet restore services/Catalogue/Catalogue.csproj
COPY shared/ shared/
COPY services/Catalogue/ services/Catalogue/
RUN dotnet publish services/Catalogue/Catalogue.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM ${RUNTIME_IMAGE}
# OpenTaal's Dutch Hunspell dictionary: the catalogue splits Dutch compounds with it, and refuses to start without it.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends hunspell-nl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The files stay root's and read-only: the service runs as the image's unprivileged user and cannot alter its code.
COPY --from=build /app ./
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_gcServer=0 \
    MALLOC_ARENA_MAX=2 \
    Serilog__Json=true
EXPOSE 8080
# The service asks itself (no curl in the image): healthy once its database and broker answer.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["dotnet", "Federation.Catalogue.dll", "--probe"]
ENTRYPOINT ["dotnet", "Federation.Catalogue.dll"]
