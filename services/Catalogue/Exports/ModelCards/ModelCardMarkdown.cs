using Federation.Rdf;
using System.Globalization;
using System.Text;
using Federation.Contracts;

namespace Federation.Catalogue.Exports.ModelCards;

/// <summary>
/// A model as a Hugging Face style model card: YAML front matter (licence, language, tags, pipeline tag, datasets,
/// model-index with the evaluation results, and the EU AI Act classification) followed by the card in Markdown.
/// Training datasets are named <c>hub/resource-id</c>, the federation's own form of a dataset reference.
/// </summary>
public static class ModelCardMarkdown
{
    public static string Write(ResourceSnapshot resource, string hubName)
    {
        var card = resource.Model;
        var yaml = new StringBuilder("---\n");
        yaml.Append("license: ").AppendLine(Quote(resource.Licence.ToLowerInvariant()));
        if (resource.Language is { } language)
        {
            yaml.Append("language:\n- ").AppendLine(Quote(language));
        }

        List(yaml, "tags", resource.Keywords);
        if (card?.Task is { } task)
        {
            yaml.Append("pipeline_tag: ").AppendLine(Quote(task));
        }

        List(yaml, "datasets", (card?.TrainingDatasets ?? []).Select(link => $"{link.HubId}/{link.ResourceId}"));
        if (card?.Evaluations is { Count: > 0 } evaluations)
        {
            yaml.Append("model-index:\n- name: ").AppendLine(Quote(resource.Title));
            yaml.AppendLine("  results:");
            foreach (var evaluation in evaluations)
            {
                yaml.Append("  - task:\n      type: ").AppendLine(Quote(card.Task ?? "other"));
                yaml.Append("    dataset:\n      name: ").AppendLine(Quote(evaluation.DatasetName ?? (evaluation.Dataset is { } d ? $"{d.HubId}/{d.ResourceId}" : "unspecified")));
                yaml.Append("      type: ").AppendLine(Quote(evaluation.Dataset is { } ds ? $"{ds.HubId}/{ds.ResourceId}" : "unspecified"));
                yaml.Append("    metrics:\n    - type: ").AppendLine(Quote(evaluation.Metric));
                yaml.Append("      value: ").AppendLine(evaluation.Value.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        if (card?.AiAct is { } aiAct)
        {
            yaml.AppendLine("eu_ai_act:");
            yaml.Append("  risk_class: ").AppendLine(Quote(aiAct.RiskClass));
            if (aiAct.AnnexIiiArea is { } area)
            {
                yaml.Append("  annex_iii_area: ").AppendLine(Quote(area));
            }

            if (aiAct.IntendedPurpose is { } purpose)
            {
                yaml.Append("  intended_purpose: ").AppendLine(Quote(purpose));
            }
        }

        if (card?.TrainingEnergyKwh is { } energy)
        {
            yaml.Append("training_energy_kwh: ").AppendLine(energy.ToString("R", CultureInfo.InvariantCulture));
        }

        if (card?.TrainedIn is { } country)
        {
            yaml.Append("trained_in: ").AppendLine(Quote(country));
        }

        yaml.Append("federation:\n  hub: ").AppendLine(Quote(resource.HubId));
        yaml.Append("  id: ").AppendLine(Quote(resource.Id.ToString()));
        yaml.AppendLine("---");

        var markdown = new StringBuilder(yaml.ToString()).AppendLine();
        markdown.Append("# ").AppendLine(resource.Title).AppendLine();
        markdown.AppendLine(resource.Summary.Length > 0 ? resource.Summary : resource.Description).AppendLine();
        markdown.Append("Published by ").Append(resource.Publisher).Append(" at ").Append(hubName).AppendLine(".").AppendLine();
        Section(markdown, "Model details", card is null ? null : string.Join('\n', new[]
        {
            card.Task is null ? null : $"- Task: {card.Task}", card.Modality is null ? null : $"- Modality: {card.Modality}",
            card.Architecture is null ? null : $"- Architecture: {card.Architecture}",
            card.ParameterCount is { } parameters ? $"- Parameters: {parameters.ToString("N0", CultureInfo.InvariantCulture)}" : null,
        }.Where(line => line is not null)));
        Section(markdown, "Intended use", card?.IntendedUse);
        Section(markdown, "Out-of-scope use", card?.OutOfScopeUse);
        Section(markdown, "Limitations", card?.Limitations);
        Section(markdown, "Training data", card?.TrainingDatasets is { Count: > 0 } links
            ? string.Join('\n', links.Select(link => $"- `{link.HubId}/{link.ResourceId}`")) : null);
        Section(markdown, "Evaluation", card?.Evaluations is { Count: > 0 } results
            ? "| metric | value | dataset |\n| --- | --- | --- |\n" + string.Join('\n', results.Select(r =>
                $"| {r.Metric} | {r.Value.ToString("R", CultureInfo.InvariantCulture)} | {r.DatasetName ?? (r.Dataset is { } d ? $"{d.HubId}/{d.ResourceId}" : "")} |"))
            : null);
        Section(markdown, "EU AI Act", card?.AiAct is { } act
            ? $"Risk class: **{act.RiskClass}**" + (act.AnnexIiiArea is null ? "" : $" (Annex III: {act.AnnexIiiArea})") + (act.IntendedPurpose is null ? "" : $"\n\nIntended purpose: {act.IntendedPurpose}")
            : null);
        Section(markdown, "Environmental impact", card?.TrainingEnergyKwh is { } kwh
            ? $"Training used {kwh.ToString("0.##", CultureInfo.InvariantCulture)} kWh" + (card.TrainedIn is null ? "." : $", in {card.TrainedIn}.") : null);
        return markdown.ToString();
    }

    private static void Section(StringBuilder markdown, string title, string? body)
    {
        if (!string.IsNullOrWhiteSpace(body))
        {
            markdown.Append("## ").AppendLine(title).AppendLine().AppendLine(body).AppendLine();
        }
    }

    private static void List(StringBuilder yaml, string key, IEnumerable<string> values)
    {
        var items = values.ToList();
        if (items.Count > 0)
        {
            yaml.Append(key).AppendLine(":");
            foreach (var item in items)
            {
                yaml.Append("- ").AppendLine(Quote(item));
            }
        }
    }

    private static string Quote(string value) => QuotedString.Quote(value);
}
