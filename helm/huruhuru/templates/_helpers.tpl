{{/* The chart's name, shortened to the 63 characters a label value may have. */}}
{{- define "huruhuru.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's objects' name. */}}
{{- define "huruhuru.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "huruhuru.selectorLabels" -}}
app.kubernetes.io/name: {{ include "huruhuru.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "huruhuru.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "huruhuru.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Where the Secrets are mounted; the config file names these paths, so both come from here. */}}
{{- define "huruhuru.configDir" -}}/etc/huruhuru/config{{- end }}
{{- define "huruhuru.htpasswdDir" -}}/etc/huruhuru/auth{{- end }}
{{- define "huruhuru.signingDir" -}}/etc/huruhuru/signing{{- end }}
{{- define "huruhuru.tlsDir" -}}/etc/huruhuru/tls{{- end }}
{{- define "huruhuru.dataDir" -}}/var/lib/huruhuru{{- end }}

{{- define "huruhuru.htpasswdSecret" -}}
{{- default (printf "%s-htpasswd" (include "huruhuru.fullname" .)) .Values.auth.htpasswd.existingSecret }}
{{- end }}
{{- define "huruhuru.htpasswdKey" -}}
{{- if .Values.auth.htpasswd.existingSecret }}{{ .Values.auth.htpasswd.existingSecretKey }}{{ else }}htpasswd{{ end }}
{{- end }}
{{- define "huruhuru.signingEnabled" -}}
{{- if or .Values.signing.key .Values.signing.existingSecret }}true{{ end }}
{{- end }}
{{- define "huruhuru.signingSecret" -}}
{{- default (printf "%s-signing" (include "huruhuru.fullname" .)) .Values.signing.existingSecret }}
{{- end }}
{{- define "huruhuru.signingKey" -}}
{{- if .Values.signing.existingSecret }}{{ .Values.signing.existingSecretKey }}{{ else }}signing-key.pem{{ end }}
{{- end }}
{{- define "huruhuru.tlsSecret" -}}
{{- default (printf "%s-tls" (include "huruhuru.fullname" .)) .Values.tls.existingSecret }}
{{- end }}

{{/* The registry's configuration file: the free-form config values, then the keys that must match this chart's
ports and mounts, which win. */}}
{{- define "huruhuru.config" -}}
{{- $config := deepCopy (default dict .Values.config) }}
{{- $http := dict "listen" (printf "0.0.0.0:%d" (int .Values.http.port)) "plain" (not (and .Values.tls.enabled .Values.tls.only)) }}
{{- $managed := dict "http" $http "storage" (dict "data" (include "huruhuru.dataDir" .)) }}
{{- if .Values.tls.enabled }}
{{- $_ := set $managed "tls" (dict "listen" (printf "0.0.0.0:%d" (int .Values.tls.port)) "certificate" (printf "%s/tls.crt" (include "huruhuru.tlsDir" .)) "key" (printf "%s/tls.key" (include "huruhuru.tlsDir" .))) }}
{{- end }}
{{- if .Values.auth.htpasswd.enabled }}
{{- $_ := set $managed "auth" (dict "mode" "basic" "htpasswd" (printf "%s/htpasswd" (include "huruhuru.htpasswdDir" .))) }}
{{- end }}
{{- if include "huruhuru.signingEnabled" . }}
{{- $signing := dict "key" (printf "%s/signing-key.pem" (include "huruhuru.signingDir" .)) }}
{{- if .Values.signing.keyId }}{{ $_ := set $signing "keyId" .Values.signing.keyId }}{{ end }}
{{- $_ := set $managed "signing" $signing }}
{{- end }}
{{- toYaml (mustMergeOverwrite $config $managed) }}
{{- end }}
