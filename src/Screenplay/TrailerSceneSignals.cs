namespace MoviePipeline.Screenplay;

/// <summary>What the trailer picker knows of one scene.</summary>
/// <param name="SceneNumber">The scene's number, from 1 in story order.</param>
/// <param name="Words">Words of action and dialogue.</param>
/// <param name="DialogueWords">Words of dialogue.</param>
/// <param name="Exclamations">Exclamation marks in action and dialogue.</param>
/// <param name="ShoutedWords">Words of action in capitals that are not character names (BANG, SLAMS): sound and impact.</param>
public sealed record TrailerSceneSignals(int SceneNumber, int Words, int DialogueWords, int Exclamations, int ShoutedWords);
