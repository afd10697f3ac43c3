// One browser and one serve process at a time: the machines that run these have two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
