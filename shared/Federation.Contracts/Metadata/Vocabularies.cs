namespace Federation.Contracts.Metadata;

/// <summary>
/// The controlled vocabularies of the federation's metadata, the same at every hub and in the catalogue (facets and
/// exports depend on it). Documented, with their sources, in docs/vocabularies.md.
/// </summary>
public static class Vocabularies
{
    /// <summary>EU AI Act risk classes; <c>gpai</c> is a general-purpose AI model (Chapter V).</summary>
    public static readonly IReadOnlyList<string> AiActRiskClasses = ["prohibited", "high-risk", "limited", "minimal", "gpai"];

    /// <summary>The eight areas of Annex III of the AI Act, one of which a high-risk system falls under.</summary>
    public static readonly IReadOnlyList<string> AnnexIiiAreas =
    [
        "biometrics", "critical-infrastructure", "education", "employment", "essential-services", "law-enforcement",
        "migration", "justice-democracy",
    ];

    public static readonly IReadOnlyList<string> Modalities = ["text", "image", "audio", "video", "tabular", "time-series", "graph", "multimodal"];

    /// <summary>Model tasks, named as Hugging Face pipeline tags where one exists.</summary>
    public static readonly IReadOnlyList<string> ModelTasks =
    [
        "text-classification", "token-classification", "question-answering", "summarization", "translation", "text-generation",
        "image-classification", "object-detection", "image-segmentation", "automatic-speech-recognition", "time-series-forecasting",
        "anomaly-detection", "tabular-classification", "tabular-regression", "recommendation", "reinforcement-learning",
        "feature-extraction", "other",
    ];

    /// <summary>Update frequencies, as codes of the EU Publications Office frequency table.</summary>
    public static readonly IReadOnlyList<string> UpdateFrequencies =
        ["CONT", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUAL", "IRREG", "NEVER", "UNKNOWN", "OTHER"];

    /// <summary>The legal bases of GDPR Article 6(1) for processing personal data.</summary>
    public static readonly IReadOnlyList<string> LegalBases =
        ["consent", "contract", "legal-obligation", "vital-interests", "public-task", "legitimate-interests"];

    public static readonly IReadOnlyList<string> ProviderKinds = ["organisation", "team", "person"];

    public static readonly IReadOnlyList<string> Availabilities = ["available", "limited", "unavailable"];

    /// <summary>The shared skills vocabulary of expertise offers; anything else goes into free tags.</summary>
    public static readonly IReadOnlyList<string> Skills =
    [
        "machine-learning", "deep-learning", "computer-vision", "natural-language-processing", "speech", "time-series",
        "reinforcement-learning", "optimisation", "data-engineering", "mlops", "responsible-ai", "ai-act-compliance",
        "privacy-engineering", "robotics", "edge-ai", "generative-ai", "recommender-systems", "causal-inference",
        "statistics", "geospatial-ai",
    ];

    /// <summary>Sectors as the sections A–U of NACE Rev. 2, the EU's classification of economic activities.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sectors = new Dictionary<string, string>
    {
        ["A"] = "Agriculture, forestry and fishing", ["B"] = "Mining and quarrying", ["C"] = "Manufacturing",
        ["D"] = "Electricity, gas, steam and air conditioning supply", ["E"] = "Water supply, sewerage, waste management",
        ["F"] = "Construction", ["G"] = "Wholesale and retail trade", ["H"] = "Transportation and storage",
        ["I"] = "Accommodation and food service", ["J"] = "Information and communication", ["K"] = "Financial and insurance activities",
        ["L"] = "Real estate activities", ["M"] = "Professional, scientific and technical activities",
        ["N"] = "Administrative and support service activities", ["O"] = "Public administration and defence",
        ["P"] = "Education", ["Q"] = "Human health and social work", ["R"] = "Arts, entertainment and recreation",
        ["S"] = "Other service activities", ["T"] = "Activities of households as employers", ["U"] = "Extraterritorial organisations",
    };

    /// <summary>Regions of an expertise offer: the Dutch provinces (ISO 3166-2:NL), or the whole of the Netherlands.</summary>
    public static readonly IReadOnlyDictionary<string, string> Regions = new Dictionary<string, string>
    {
        ["NL"] = "Nederland", ["NL-DR"] = "Drenthe", ["NL-FL"] = "Flevoland", ["NL-FR"] = "Fryslân", ["NL-GE"] = "Gelderland",
        ["NL-GR"] = "Groningen", ["NL-LI"] = "Limburg", ["NL-NB"] = "Noord-Brabant", ["NL-NH"] = "Noord-Holland",
        ["NL-OV"] = "Overijssel", ["NL-UT"] = "Utrecht", ["NL-ZE"] = "Zeeland", ["NL-ZH"] = "Zuid-Holland",
    };

    /// <summary>Who a compute offer is for: company sizes as the EU's SME definition draws them, research and the public sector.</summary>
    public static readonly IReadOnlyList<string> ComputeEligibility = ["start-up", "scale-up", "sme", "large-company", "research", "public-sector"];

    /// <summary>How one gets compute: a small fast track to try things, a call decided on merit, or paid use by the hour.</summary>
    public static readonly IReadOnlyList<string> ComputeAccessModes = ["fast-track", "call", "commercial"];

    /// <summary>How work runs at a facility.</summary>
    public static readonly IReadOnlyList<string> Schedulers = ["slurm", "kubernetes", "pbs", "lsf", "other"];

    /// <summary>What software environments a facility offers its users.</summary>
    public static readonly IReadOnlyList<string> SoftwareEnvironments = ["containers", "notebooks", "modules", "virtual-machines", "bare-metal"];

    /// <summary>The help a facility gives beside the compute itself.</summary>
    public static readonly IReadOnlyList<string> ComputeSupport =
        ["onboarding", "porting", "performance-tuning", "training", "data-management", "ai-act-guidance", "helpdesk"];

    /// <summary>The periods an offer's capacity is counted over.</summary>
    public static readonly IReadOnlyList<string> CapacityPeriods = ["month", "quarter", "year"];

    /// <summary>Jurisdictions a resource may be placed under: the EU, or one of its member states or EEA countries.</summary>
    public static readonly IReadOnlyList<string> Jurisdictions =
    [
        "EU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ];
}
