namespace Federation.Contracts.Search;

/// <summary>How the values of a search dimension are normalised, in a query and in a resource's tags alike.</summary>
public enum ValueCase
{
    AsGiven,
    Upper,
    Lower,
}
