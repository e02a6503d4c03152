# Build: the SDK plus Node.js for the front-end packages that the build copies into wwwroot/lib.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY EventEngine.Web/EventEngine.Web.csproj EventEngine.Web/package.json EventEngine.Web/package-lock.json EventEngine.Web/
RUN dotnet restore EventEngine.Web/EventEngine.Web.csproj
COPY EventEngine.Web/ EventEngine.Web/
# Build first so the copied front-end files exist when publish collects wwwroot.
RUN dotnet build EventEngine.Web/EventEngine.Web.csproj -c Release --no-restore \
 && dotnet publish EventEngine.Web/EventEngine.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The PDF reports embed DejaVu Sans, with Droid Sans Fallback for Chinese and Japanese; right-to-left text uses the
# image's ICU (libicu), which .NET needs anyway.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-droid-fallback fonts-symbola && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "EventEngine.Web.dll"]
